// Follows GET /_emulator/events: the server pushes every change; the page never polls. The stream is
// read with fetch (so the control token can travel in a header), resumes after the last event id it
// saw (kept across a reload), and reconnects by itself when the emulator restarts.
import { controlHeaders } from './api.js';

const KEY = 'lastEventId';

export function follow({ onEvent, onReset, onState }) {
  let stopped = false;
  let delay = 500;

  async function connect() {
    const headers = { Accept: 'text/event-stream', ...controlHeaders() };
    const last = sessionStorage.getItem(KEY);
    if (last) {
      headers['Last-Event-ID'] = last;
    }
    const res = await fetch('/_emulator/events', { headers, cache: 'no-store' });
    if (!res.ok || !res.body) {
      throw new Error(`events answered ${res.status}`);
    }
    onState('live');
    delay = 500;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += value;
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        handle(frame);
      }
    }
  }

  function handle(frame) {
    let id = null;
    let type = 'message';
    let data = '';
    for (const line of frame.split('\n')) {
      if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('event: ')) type = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (!data) {
      return; // a comment or a keep-alive
    }
    if (id) {
      sessionStorage.setItem(KEY, id);
    }
    const event = JSON.parse(data);
    if (type === 'reset') onReset(event);
    else onEvent(event);
  }

  (async function loop() {
    while (!stopped) {
      try {
        await connect();
      } catch (e) {
        // the emulator is away (restarting?): try again shortly
      }
      if (stopped) break;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 4000);
    }
  })();

  return () => { stopped = true; };
}
