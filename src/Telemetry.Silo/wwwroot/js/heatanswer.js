import { ApiError, askForKey, authHeaders } from "./api.js";
import { HeatCells } from "./heatcells.js";

// Heat-map answers are fetched and parsed by one worker (js/heatreader.js) for every heat map on the page; the page
// only takes the columns it hands back. Asking for a key stays here: only the page can show the form.
let reader = null;
const waiting = new Map();
let lastId = 0;

function heatReader() {
  if (reader) return reader;
  reader = new Worker(new URL("./heatreader.js", import.meta.url), { type: "module" });
  reader.onmessage = ({ data }) => {
    const call = waiting.get(data.id);
    waiting.delete(data.id);
    call?.resolve(data);
  };
  // A worker that cannot start answers nothing: every call waiting on it fails, and the next call starts another.
  reader.onerror = (e) => {
    for (const call of waiting.values()) call.reject(new Error(`heat-map reader: ${e.message ?? "failed to start"}`));
    waiting.clear();
    reader = null;
  };
  return reader;
}

function read(path) {
  return new Promise((resolve, reject) => {
    const id = ++lastId;
    waiting.set(id, { resolve, reject });
    heatReader().postMessage({ id, url: new URL(path, document.baseURI).href, headers: authHeaders() });
  });
}

// Every GPU of a data center (`GET api/v1/datacenters/{dc}/gpus`) as heat-map cells.
export async function getHeatCells(path) {
  for (;;) {
    const answer = await read(path);
    if (answer.status === 401) {
      await askForKey();
      continue;
    }
    if (answer.error !== undefined) throw new ApiError(answer.status, answer.error);
    return new HeatCells(answer.columns);
  }
}
