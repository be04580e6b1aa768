/**
 * A protocol-level fake of Slack's servers for end-to-end tests of a real Bolt `App`.
 *
 * One HTTP server on 127.0.0.1 (random free port) serves:
 *   - the Web API:         POST /api/<method>   (form-encoded or JSON; bearer token)
 *   - response_url hooks:  POST /response/<id>  (JSON, as Bolt's `respond()` sends)
 *   - Socket Mode:         WebSocket upgrade on /link/?ticket=…  (the URL `apps.connections.open` returns)
 *
 * Point a Bolt app at it with `clientOptions: fake.clientOptions()` — Bolt hands the same object to the
 * Socket Mode client, whose own WebClient then calls `apps.connections.open` on the fake.
 *
 * Also exported: payload/envelope builders and helpers that sign and POST requests to a Bolt HTTP endpoint.
 *
 * Shut down in this order: `await app.stop(); await fake.close();` (if the fake goes first, Bolt's socket
 * client schedules a reconnect).
 *
 * This module is the single import point; the implementation is split by protocol under `./fake-slack/`:
 *   - `server.ts`         {@link FakeSlack}: the server, its routing and lifecycle
 *   - `web-api.ts`        the Web API: call log, overrides, default handlers
 *   - `response-urls.ts`  response_urls: their log, scripted replies and delay
 *   - `socket-mode.ts`    the WebSocket side ({@link FakeSocketMode}) and envelopes
 *   - `payloads.ts`       payload builders (slash commands, events, block actions, message shortcuts)
 *   - `http.ts`           signing and POSTing to an app in HTTP mode
 *   - `recorder.ts`, `shared.ts`  an awaitable log; shared types and utilities
 */

export {
  type HttpResult,
  postEvent,
  postInteractive,
  postSignedRequest,
  postSlashCommand,
  type SignedPostOptions,
  type SlackSignatureHeaders,
  signSlackRequest,
} from './fake-slack/http.ts';
export {
  appHomeOpenedEvent,
  appMentionEvent,
  type BlockActionInput,
  type BlockActionsOptions,
  directMessageEvent,
  type EventCallbackOptions,
  type EventCallbackPayload,
  type MessageShortcutOptions,
  type MessageShortcutPayload,
  type ShortcutMessage,
  type SlashCommandOptions,
  type SlashCommandPayload,
} from './fake-slack/payloads.ts';
export type { RecordedResponse } from './fake-slack/response-urls.ts';
export { FakeSlack, type FakeSlackOptions } from './fake-slack/server.ts';
export { dmChannelId, type JsonObject, nextTs } from './fake-slack/shared.ts';
export {
  buildEnvelope,
  type EnvelopeOptions,
  type EnvelopeType,
  FakeSocketMode,
  type SocketAck,
  type SocketEnvelope,
} from './fake-slack/socket-mode.ts';
export type {
  ApiRequest,
  ApiResponder,
  FakeUser,
  RecordedCall,
  RespondOptions,
} from './fake-slack/web-api.ts';
