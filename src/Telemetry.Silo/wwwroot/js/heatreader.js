import { problemDetail } from "./api.js";
import { heatColumns, transferList } from "./heatcells.js";

// A dedicated worker that fetches and reads heat-map answers for the page. A 52,000-GPU answer is 2.8 MB of JSON: its
// parse alone is one main-thread task of 120 ms on a CPU four times slower than a desktop's, five of them on the fleet
// page. Here it blocks nothing; the page gets typed-array columns whose buffers move without a copy.
const now = () => performance.timeOrigin + performance.now();

self.onmessage = async ({ data: { id, url, headers } }) => {
  try {
    const response = await fetch(url, { headers: { Accept: "application/json", ...headers } });
    if (!response.ok) {
      self.postMessage({ id, status: response.status, error: await problemDetail(response) });
      return;
    }
    // When the answer came and was parsed (milliseconds since the epoch): whoever measures the page reads them.
    const arrivedAt = now();
    const { nodes } = await response.json();
    const parsedAt = now();
    const columns = heatColumns(nodes);
    self.postMessage({ id, url, columns, times: { arrivedAt, parsedAt } }, transferList(columns));
  } catch (e) {
    self.postMessage({ id, status: 0, error: String(e?.message ?? e) });
  }
};
