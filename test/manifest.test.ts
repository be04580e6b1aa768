import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { FIND_IN_SPEECH } from '../src/slack/listeners/shortcuts/find-in-speech.ts';

// The schema is a copy of slackapi/manifest-schema (MIT, license next to it), kept in the repo so
// the test runs in any clone.
const schemaUrl = new URL('./fixtures/slack-manifest-schema/manifest.schema.1.0.0.json', import.meta.url);
const manifestUrl = new URL('../manifest.yml', import.meta.url);
const srcDir = fileURLToPath(new URL('../src/', import.meta.url));

interface Manifest {
  display_information: { name: string; description?: string };
  features: {
    bot_user: { display_name: string; always_online?: boolean };
    app_home: Record<string, boolean>;
    slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[];
    shortcuts?: { name: string; type: 'message' | 'global'; callback_id: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
  };
}

function compileSchema(): ValidateFunction {
  const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as { $schema?: string };
  if (schema.$schema !== 'http://json-schema.org/draft-07/schema#') {
    throw new Error(`expected a draft-07 schema, got ${schema.$schema}; pick the matching Ajv class`);
  }
  // The schema declares draft-07, which is what the default Ajv class implements (no 2019/2020).
  // Strict mode stays on, so a typo in the schema or an unknown keyword still fails loudly;
  // instead the schema's own non-standard keywords are declared here as annotations:
  // `_note` is a comment and `regex` (on background_color) is an annotation Slack's schema uses in
  // place of `pattern` — JSON Schema validators do not enforce it, and neither do we.
  // strictTypes is off only because the schema puts a no-op `minItems: 0` on a string (the items
  // of external_auth_providers…scope), which would print a warning on every run.
  const ajv = new Ajv({ allErrors: true, strictTypes: false, keywords: ['_note', 'regex'] });
  // ajv-formats is not installed; the only format is `uri`, on the manifest's optional top-level
  // `$schema` property. A small real check is better than silently accepting anything.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(schema);
}

const validate = compileSchema();

function errorsText(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    )
    .join('\n');
}

function loadManifest(): Manifest {
  return parseYaml(readFileSync(manifestUrl, 'utf8')) as Manifest;
}

describe('manifest.yml', () => {
  it('is a valid Slack app manifest', () => {
    const manifest = loadManifest();
    const valid = validate(manifest);
    // Shows each schema error with the path into the manifest instead of a bare `false`.
    expect(errorsText(validate.errors)).toBe('');
    expect(valid).toBe(true);
  });

  it('declares the slash command the bot handles', () => {
    const { features } = loadManifest();
    const speech = features.slash_commands.find((command) => command.command === '/speech');
    expect(speech).toBeDefined();
    expect(speech?.usage_hint).toContain('daily');
    expect(features.bot_user.display_name).toBe('speechbot');
    expect(features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('subscribes to the events the bot listens for', () => {
    const { settings } = loadManifest();
    expect(settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_mention', 'message.im', 'app_home_opened']),
    );
  });

  it('requests the scopes the bot needs', () => {
    const { oauth_config } = loadManifest();
    expect(oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'app_mentions:read', 'im:history']),
    );
  });

  it('turns on interactivity and Socket Mode, with no request URLs', () => {
    const { settings, features } = loadManifest();
    expect(settings.interactivity.is_enabled).toBe(true);
    expect(settings.socket_mode_enabled).toBe(true);
    // In Socket Mode Slack never calls these; leaving them out keeps the manifest host-independent.
    expect(settings.event_subscriptions.request_url).toBeUndefined();
    expect(settings.interactivity.request_url).toBeUndefined();
    for (const command of features.slash_commands) expect(command.url).toBeUndefined();
  });
});

describe('the manifest validator', () => {
  it('rejects a manifest without display_information.name', () => {
    const manifest = loadManifest();
    const broken = { ...manifest, display_information: { description: 'no name' } };
    expect(validate(broken)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          instancePath: '/display_information',
          keyword: 'required',
          params: { missingProperty: 'name' },
        }),
      ]),
    );
  });

  it('rejects unknown keys, wrong types and a slash command without a leading slash', () => {
    const manifest = loadManifest();
    const broken = {
      ...manifest,
      settings: { ...manifest.settings, socket_mode_enabled: 'yes', socket_mode: true },
      features: {
        ...manifest.features,
        slash_commands: [{ command: 'speech', description: 'no slash' }],
      },
    };
    expect(validate(broken)).toBe(false);
    const errors = errorsText(validate.errors);
    expect(errors).toContain('/settings must NOT have additional properties');
    expect(errors).toContain('/settings/socket_mode_enabled must be boolean');
    expect(errors).toContain('/features/slash_commands/0/command must match pattern');
  });
});

/**
 * The bot scopes each Web API method needs with a bot token, from its page in Slack's reference
 * (docs.slack.dev/reference/methods/<method>, "Scopes: Bot token"). A method the code calls must be
 * listed here, so a new call makes whoever adds it look up its scopes and update manifest.yml.
 */
const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  // Posts answers, thread replies, the daily excerpt and, with a user id as channel, the
  // notices in the user's DM with the app (no conversations.open, so no im:write).
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  // The Home tab: needs the App Home feature, no scope.
  'views.publish': [],
  // The scope of each conversation type the method may be asked about (public channel, private
  // channel, DM, group DM): `/speech daily` runs in any of them.
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  // The same per-type scopes, for whoever is in a conversation.
  'conversations.members': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'users.info': ['users:read'],
  'auth.test': [],
  // Socket Mode's connection: an app-level token call (connections:write), no bot scope.
  'apps.connections.open': [],
};

/** The bot scopes each event subscription needs (docs.slack.dev/reference/events/<event>). */
const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  app_mention: ['app_mentions:read'],
  'message.im': ['im:history'],
  'message.channels': ['channels:history'],
  'message.groups': ['groups:history'],
  'message.mpim': ['mpim:history'],
  app_home_opened: [],
};

/** Slash commands need the `commands` scope whatever they call. */
const SLASH_COMMAND_SCOPES: readonly string[] = ['commands'];

/** Every `.ts` file under `dir`, with its text. */
function sourceFiles(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file: path.relative(srcDir, file), text: readFileSync(file, 'utf8') };
    });
}

/**
 * The Web API methods a source text calls: `client.chat.postMessage(` (any `…client` or
 * `…Client` object, any depth such as `client.apps.connections.open(`), `apiCall('method'`, and
 * Bolt's `say(`, which is chat.postMessage. `respond(` posts to a response_url and needs no scope.
 */
function calledMethods(text: string): string[] {
  const methods: string[] = [];
  for (const match of text.matchAll(/\b\w*client\s*\.\s*((?:[a-z]\w*\s*\.\s*)+[a-z]\w*)\s*\(/gi)) {
    methods.push((match[1] ?? '').replace(/\s+/g, ''));
  }
  for (const match of text.matchAll(/\bapiCall\s*\(\s*['"`]([\w.]+)['"`]/g)) methods.push(match[1] ?? '');
  // A method called by its URL, against the Web API's base (`new URL('auth.test', apiUrl)`).
  for (const match of text.matchAll(/\bnew URL\(\s*['"`]([a-z]\w*(?:\.\w+)+)['"`]\s*,/gi)) {
    methods.push(match[1] ?? '');
  }
  if (/(?<![\w.])say\s*\(/.test(text)) methods.push('chat.postMessage');
  return methods;
}

/** The event types the code listens for: `app.event('x', …)`, and `message` for `app.message(…)`. */
function listenedEvents(text: string): string[] {
  const events = [...text.matchAll(/\bapp\.event\(\s*['"]([\w.]+)['"]/g)].map((match) => match[1] ?? '');
  if (/\bapp\.message\(/.test(text)) events.push('message');
  return events;
}

/** What src/ calls and listens for, with the files that do. */
function codeUses() {
  const methods = new Map<string, string[]>();
  const events = new Set<string>();
  let commands = false;
  for (const { file, text } of sourceFiles(srcDir)) {
    for (const method of calledMethods(text)) methods.set(method, [...(methods.get(method) ?? []), file]);
    for (const event of listenedEvents(text)) events.add(event);
    if (/\bapp\.command\(/.test(text)) commands = true;
  }
  return { methods, events, commands };
}

describe('manifest scopes and events against the code', () => {
  const manifest = loadManifest();
  const declared = manifest.oauth_config.scopes.bot;
  const uses = codeUses();

  /** Each scope the bot needs, with what needs it. */
  const needed = new Map<string, string[]>();
  const need = (scopes: readonly string[], why: string) => {
    for (const scope of scopes) needed.set(scope, [...(needed.get(scope) ?? []), why]);
  };
  for (const [method, files] of uses.methods)
    need(METHOD_SCOPES[method] ?? [], `${method} (${files.join(', ')})`);
  for (const event of manifest.settings.event_subscriptions.bot_events)
    need(EVENT_SCOPES[event] ?? [], `${event} event`);
  if (uses.commands) need(SLASH_COMMAND_SCOPES, 'app.command');

  it('finds the calls it should (the scan itself works)', () => {
    expect(calledMethods('await client.chat.postMessage({}); deps.client.conversations.info(x)')).toEqual([
      'chat.postMessage',
      'conversations.info',
    ]);
    expect(calledMethods("app.client.apps.connections.open(); webClient.apiCall('team.info')")).toEqual([
      'apps.connections.open',
      'team.info',
    ]);
    expect(calledMethods("new URL('auth.test', apiUrl); new URL('/path', base)")).toEqual(['auth.test']);
    expect(calledMethods('this.socket.client.disconnect(); await say("hi"); respond({})')).toEqual([
      'chat.postMessage',
    ]);
    expect([...uses.methods.keys()]).toEqual(
      expect.arrayContaining([
        'chat.postMessage',
        'views.publish',
        'conversations.info',
        'users.info',
        'auth.test',
      ]),
    );
  });

  it('knows the scopes of every Web API method the code calls', () => {
    const unknown = [...uses.methods].filter(([method]) => !(method in METHOD_SCOPES));
    expect(unknown.map(([method, files]) => `${method} in ${files.join(', ')}`)).toEqual([]);
  });

  it('grants every scope the calls, events and slash command need', () => {
    const missing = [...needed].filter(([scope]) => !declared.includes(scope));
    expect(missing.map(([scope, why]) => `${scope}: needed by ${why.join('; ')}`)).toEqual([]);
  });

  it('grants no scope that nothing needs', () => {
    expect(declared.filter((scope) => !needed.has(scope))).toEqual([]);
  });

  it('can ask about a group DM (conversations.info needs mpim:read) and opens no DMs (no im:write)', () => {
    expect(declared).toContain('mpim:read');
    expect(declared).not.toContain('im:write');
  });

  it('subscribes to exactly the events the code listens for, each with known scopes', () => {
    const subscribed = manifest.settings.event_subscriptions.bot_events;
    expect(subscribed.filter((event) => !(event in EVENT_SCOPES))).toEqual([]);
    // `app.message` hears every message.* subscription; the others match by name.
    const types = new Set(subscribed.map((event) => event.split('.')[0] ?? event));
    expect([...types].sort()).toEqual([...uses.events].sort());
  });

  it('declares a slash command exactly when the code handles one', () => {
    expect(manifest.features.slash_commands.length > 0).toBe(uses.commands);
  });

  it('declares the "Find in speech" message shortcut under the callback id the code listens for', () => {
    expect(manifest.features.shortcuts?.map((shortcut) => [shortcut.type, shortcut.callback_id])).toEqual([
      ['message', FIND_IN_SPEECH],
    ]);
    // Shortcuts arrive like slash commands: they need the commands scope.
    expect(declared).toContain('commands');
  });
});
