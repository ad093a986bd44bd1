// The live stream of changes (`GET /api/v1/events`, server-sent events): one per browser tab,
// with the session's bearer token (EventSource cannot send one), resumed after a reconnect
// from the last event received (`Last-Event-ID`, which fetch-event-source sends by itself).
// A 401 refreshes the session once and reconnects; a stream the server ends (the token expired)
// reconnects with the fresh token.
import { fetchEventSource } from '@microsoft/fetch-event-source';
import { apiUrl, refreshSession } from '../api/client';
import { getTokens } from '../api/session';
import type { components } from '../../api/schema';

export type LiveEvent = components['schemas']['LiveEvent'];

export interface LiveHandlers {
  /** Something in the caller's scope changed. */
  onChange: (e: LiveEvent) => void;
  /** Too much was missed to replay: read everything again. */
  onReset: () => void;
}

class Retry extends Error {}
class Stop extends Error {}

/** Opens the stream until `signal` aborts. */
export function openLiveStream(handlers: LiveHandlers, signal: AbortSignal): void {
  void fetchEventSource(apiUrl('/api/v1/events'), {
    signal,
    // Hidden tabs close their stream and catch up from where they stopped when shown again.
    openWhenHidden: false,
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      const tokens = getTokens();
      if (tokens) headers.set('Authorization', `Bearer ${tokens.access}`);
      return globalThis.fetch(input, { ...init, headers });
    },
    async onopen(response) {
      if (response.ok) return;
      const tokens = getTokens();
      if (response.status === 401 && tokens && (await refreshSession(tokens.access))) throw new Retry();
      throw new Stop(`live stream: ${response.status}`);
    },
    onmessage(message) {
      if (message.event === 'change') handlers.onChange(JSON.parse(message.data) as LiveEvent);
      else if (message.event === 'reset') handlers.onReset();
      else if (message.event === 'expired') throw new Retry();
    },
    onclose() {
      throw new Retry();
    },
    onerror(error) {
      if (error instanceof Stop) throw error;
      return error instanceof Retry ? 500 : 3000;
    },
  }).catch(() => undefined);
}
