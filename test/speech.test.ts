import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSpeech, warmUp } from '../src/speech.ts';

const search = openSpeech(path.join(import.meta.dirname, '../content'));

describe('warmUp', () => {
  it('lets other work run between its pieces, and leaves the search answering as before', async () => {
    const before = search.search('档案安全');
    const order: string[] = [];
    // Work queued while warming up (a request, a health probe) runs before the warm-up ends.
    setImmediate(() => order.push('request'));
    const warming = warmUp(search).then(() => order.push('warmed'));
    setImmediate(() => setImmediate(() => order.push('second request')));
    await warming;
    expect(order).toEqual(['request', 'second request', 'warmed']);
    expect(search.search('档案安全')).toEqual(before);
  });
});
