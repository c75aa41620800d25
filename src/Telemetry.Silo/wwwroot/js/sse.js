// A text/event-stream reader (WHATWG HTML "Server-sent events"), fed chunks of text as they arrive.
export class SseParser {
  #buffer = "";
  #data = [];
  #event = "";
  #id = null;

  // Returns the events completed by this chunk: { id, event, data }.
  push(chunk) {
    this.#buffer += chunk;
    const events = [];
    let newline;
    while ((newline = this.#buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR that ends the chunk may be the first half of a CRLF: wait for the next chunk to tell.
      if (newline === this.#buffer.length - 1 && this.#buffer.endsWith("\r")) break;
      const line = this.#buffer.slice(0, newline);
      const width = this.#buffer.startsWith("\r\n", newline) ? 2 : 1;
      this.#buffer = this.#buffer.slice(newline + width);
      if (line === "") {
        if (this.#data.length > 0) {
          events.push({ id: this.#id, event: this.#event || "message", data: this.#data.join("\n") });
        }
        this.#data = [];
        this.#event = "";
        this.#id = null;
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "data") this.#data.push(value);
      else if (field === "event") this.#event = value;
      else if (field === "id") this.#id = value;
    }
    return events;
  }
}
