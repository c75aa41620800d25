import { authHeaders, askForKey } from "./api.js";
import { SseParser } from "./sse.js";

// fetch() rather than EventSource: EventSource cannot send the Authorization header an API key needs.
export function openStream({ onEvent, onState }) {
  let lastEventId = null;
  let delay = 1000;

  async function connectOnce() {
    const headers = { Accept: "text/event-stream", ...authHeaders() };
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    const url = lastEventId ? "api/v1/stream" : "api/v1/stream?recent=50";
    const response = await fetch(url, { headers, cache: "no-store" });
    if (response.status === 401) {
      await askForKey();
      return;
    }
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    onState("live");
    delay = 1000;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      for (const event of parser.push(value)) {
        if (event.id) lastEventId = event.id;
        try { onEvent(event.event, JSON.parse(event.data)); } catch (e) { console.error("bad stream event", e); }
      }
    }
  }

  (async () => {
    for (;;) {
      try {
        await connectOnce();
      } catch (e) {
        console.warn("live stream:", e.message);
      }
      onState("reconnecting");
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 15000);
    }
  })();
}
