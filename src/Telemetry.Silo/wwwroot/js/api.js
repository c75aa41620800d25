// Every call to the silo goes through here, so an API key (when the cluster asks for one) is sent with all of them.
const keyName = "telemetry.apiKey";
let asking = null;

export function authHeaders() {
  const key = sessionStorage.getItem(keyName);
  return key ? { Authorization: `Bearer ${key}` } : {};
}

// Shows the key form once, however many calls were refused at the same time.
export function askForKey() {
  asking ??= new Promise((resolve) => {
    const dialog = document.getElementById("key-dialog");
    const form = document.getElementById("key-form");
    const input = document.getElementById("key-input");
    input.value = "";
    form.addEventListener("submit", () => {
      sessionStorage.setItem(keyName, input.value.trim());
      asking = null;
      resolve();
    }, { once: true });
    dialog.showModal();
    input.focus();
  });
  return asking;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export async function getJson(path) {
  for (;;) {
    const response = await fetch(path, { headers: { Accept: "application/json", ...authHeaders() } });
    if (response.status === 401) {
      await askForKey();
      continue;
    }
    if (!response.ok) throw new ApiError(response.status, await problemDetail(response));
    return response.json();
  }
}

// What a refused call says went wrong (a worker reading for the page says it too, so nothing here needs a document).
export async function problemDetail(response) {
  try {
    return (await response.json()).detail ?? `${response.status} ${response.statusText}`;
  } catch {
    return `${response.status} ${response.statusText}`; // not problem+json
  }
}

// The heat map names a GPU by node and index (its answer leaves UUIDs out to stay small); the node's answer has the UUID.
export async function openGpuAt(nodeId, index) {
  const [dc, host] = nodeId.split("/");
  const node = await getJson(`api/v1/nodes/${encodeURIComponent(dc)}/${encodeURIComponent(host)}`);
  const gpu = node.gpus.find((g) => g.index === index);
  if (gpu) location.hash = `#/gpu/${encodeURIComponent(gpu.uuid)}`;
}
