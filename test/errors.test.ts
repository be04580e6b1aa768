import { describe, expect, it } from 'vitest';
import { errorMessage } from '../src/errors.ts';

describe('errorMessage', () => {
  it('gives an error’s message, and anything else thrown as text', () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('names each error of an AggregateError that has no message of its own', () => {
    const refused = new AggregateError([
      new Error('connect ECONNREFUSED ::1:5432'),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(errorMessage(refused)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
    expect(errorMessage(new AggregateError([new Error('a')], 'all failed'))).toBe('all failed');
  });
});
