import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// The schema is a copy of slackapi/manifest-schema (MIT, license next to it), kept in the repo so
// the test runs in any clone.
const schemaUrl = new URL('./fixtures/slack-manifest-schema/manifest.schema.1.0.0.json', import.meta.url);
const manifestUrl = new URL('../manifest.yml', import.meta.url);

interface Manifest {
  display_information: { name: string; description?: string };
  features: {
    bot_user: { display_name: string; always_online?: boolean };
    app_home: Record<string, boolean>;
    slash_commands: { command: string; description: string; usage_hint?: string; url?: string }[];
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
