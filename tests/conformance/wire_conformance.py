#!/usr/bin/env python3
"""Independent conformance client for the ingest wire format v1.

Written from the published contract only (spec/WIRE.md, and the "State" section of
spec/API.md for reading state back). Treats the server as a black box.

    python3 wire_conformance.py --url http://127.0.0.1:5123 [--secret S] [--max-body-bytes N]

Needs Python 3.11 with python3-msgpack and python3-brotli. Prints one line per check
(PASS name / FAIL name: why), then "conformance: N passed, M failed"; exit 0 only if all passed.
Every run uses fresh random node ids and GPU UUIDs, so it can be repeated against one server.
"""
import argparse, base64, gzip, hashlib, hmac, json, math, re, secrets, sys, time, uuid
import urllib.error, urllib.request
from datetime import datetime, timedelta

import brotli
import msgpack

FIELD_NAMES = {
    1: "gpu_util_pct", 2: "mem_copy_util_pct", 3: "sm_active", 4: "tensor_active",
    5: "fb_used_mib", 6: "fb_total_mib", 7: "gpu_temp_c", 8: "mem_temp_c", 9: "power_w",
    10: "power_limit_w", 11: "sm_clock_mhz", 12: "mem_clock_mhz", 13: "clock_event_reasons",
    14: "pcie_tx_bytes_s", 15: "pcie_rx_bytes_s", 16: "nvlink_tx_bytes_s",
    17: "nvlink_rx_bytes_s", 18: "ecc_sbe_delta", 19: "ecc_dbe_delta",
    20: "row_remap_pending", 21: "row_remap_failure", 22: "nvlink_crc_errors_delta",
    23: "pcie_replay_delta",
}
MSGPACK = "application/x-msgpack"
PROBLEM = "application/problem+json"
DC = "dc-conf"
FIELDS = [1, 7, 9, 5, 6]           # gpu_util_pct, gpu_temp_c, power_w, fb_used_mib, fb_total_mib
AUTO = object()                     # "compute the right token for these nodes"


class CheckFailed(Exception):
    pass


def expect(cond, why):
    if not cond:
        raise CheckFailed(why)


# ---------------------------------------------------------------- encoding (WIRE.md positions)

def now_ms():
    return int(time.time() * 1000)


def new_node():
    return f"{DC}/n-{secrets.token_hex(6)}"


def new_gpu():
    return f"GPU-{uuid.uuid4()}"


def new_boot():
    return str(uuid.uuid4())


def gpu_block(index, gpu_uuid, ts, values, model="NVIDIA B200", job=None, xids=None):
    """GpuBlock: [index, uuid, model, jobId|nil, ts[], values[S*F], xids[]|nil]."""
    return [index, gpu_uuid, model, job, ts, values, xids]


def node_report(node, seq, boot, fields, gpus, gauges=None, version=1):
    """NodeReport: [version, nodeId, seq, bootId, fields[], GpuBlock[], gauges|nil]."""
    return [version, node, seq, boot, fields, gpus, gauges]


def pack(*reports, single=False):
    """A body: the reports' MessagePack encodings concatenated."""
    return b"".join(msgpack.packb(r, use_single_float=single) for r in reports)


def make_rows(n_rows, n_fields, base=10.0):
    """Deterministic values, all multiples of 0.25 (exact in float32 and float64)."""
    return [[base + 0.5 * i + 10.25 * j for j in range(n_fields)] for i in range(n_rows)]


def times(n, end=None, step=1000):
    end = now_ms() - 50 if end is None else end
    return [end - (n - 1 - i) * step for i in range(n)]


def gpu(index, gpu_uuid, rows, ts=None, **kw):
    ts = times(len(rows)) if ts is None else ts
    return gpu_block(index, gpu_uuid, ts, [v for row in rows for v in row], **kw)


def simple_report(node=None, gpu_uuid=None, seq=1, boot=None, n_rows=3, fields=FIELDS, **kw):
    node, gpu_uuid, boot = node or new_node(), gpu_uuid or new_gpu(), boot or new_boot()
    rows = make_rows(n_rows, len(fields))
    return node_report(node, seq, boot, fields, [gpu(0, gpu_uuid, rows)], **kw), rows


# ---------------------------------------------------------------- HTTP

class Resp:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def media_type(self):
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            raise CheckFailed(f"body is not JSON: {self.body[:200]!r}")

    def brief(self):
        return f"{self.status} {self.media_type or '-'} {self.body[:300].decode('utf-8', 'replace')}"


class Server:
    def __init__(self, url, secret):
        self.url, self.secret = url.rstrip("/"), secret

    def token(self, name, secret=None):
        key = (secret or self.secret).encode()
        mac = hmac.new(key, name.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    def token_for(self, nodes):
        """Node token for a single-node body, data-center token for a multi-node body."""
        if not self.secret:
            return None
        nodes = sorted(set(nodes))
        if len(nodes) == 1:
            return self.token(nodes[0])
        return self.token(nodes[0].split("/")[0] + "/*")

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return Resp(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Resp(e.code, e.headers, e.read())
        except OSError as e:
            raise CheckFailed(f"{method} {path}: transport error {e!r}")

    def ingest(self, body, nodes=(), ctype=MSGPACK, encoding=None, token=AUTO):
        headers = {"Content-Type": ctype}
        if encoding:
            headers["Content-Encoding"] = encoding
        token = self.token_for(nodes) if token is AUTO else token
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("POST", "/api/v1/ingest", body, headers)

    def send(self, *reports, single=False, **kw):
        return self.ingest(pack(*reports, single=single), [r[1] for r in reports], **kw)

    def get(self, path):
        return self.request("GET", path)

    def gpu(self, gpu_uuid):
        r = self.get(f"/api/v1/gpus/{gpu_uuid}")
        expect(r.status == 200, f"GET gpu {gpu_uuid}: {r.brief()}")
        return r.json()

    def node(self, node):
        r = self.get(f"/api/v1/nodes/{node}")
        expect(r.status == 200, f"GET node {node}: {r.brief()}")
        return r.json()


# ---------------------------------------------------------------- assertions

def expect_accepted(r, reports, samples, duplicates):
    want = {"reports": reports, "samples": samples, "duplicates": duplicates}
    expect(r.status == 202, f"expected 202 {want}, got {r.brief()}")
    expect(r.media_type == "application/json", f"202 Content-Type is {r.media_type!r}")
    got = r.json()
    expect(got == want, f"expected body {want}, got {got}")


def names_index(doc, i):
    """True when the problem document names report index i (in `detail` or a member)."""
    if re.search(rf"report[^0-9]{{0,20}}\b{i}\b", str(doc.get("detail", "")), re.I):
        return True

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if "report" in k.lower() and type(v) is int and v == i:
                    return True
                if walk(v):
                    return True
        elif isinstance(o, list):
            return any(walk(v) for v in o)
        return False
    return walk({k: v for k, v in doc.items() if k != "detail"})


def expect_problem(r, status, report_index=None):
    allowed = status if isinstance(status, tuple) else (status,)
    expect(r.status in allowed, f"expected {' or '.join(map(str, allowed))}, got {r.brief()}")
    status = r.status
    expect(r.media_type == PROBLEM, f"{status} Content-Type is {r.media_type!r}, not {PROBLEM}")
    doc = r.json()
    expect(isinstance(doc, dict), "problem body is not an object")
    expect(isinstance(doc.get("detail"), str) and doc["detail"].strip(), f"no detail: {doc}")
    expect(doc.get("status", status) == status, f"problem status {doc.get('status')} != {status}")
    if report_index is not None:
        expect(names_index(doc, report_index), f"problem does not name report {report_index}: {doc}")
    return doc


def expect_absent(srv, node, gpu_uuid):
    r = srv.get(f"/api/v1/gpus/{gpu_uuid}")
    expect(r.status == 404, f"GPU of a rejected body exists: GET gpu -> {r.brief()}")
    r = srv.get(f"/api/v1/nodes/{node}")
    expect(r.status == 404, f"node of a rejected body exists: GET node -> {r.brief()}")


def expect_last(state, fields, row):
    last = state.get("last")
    expect(isinstance(last, dict), f"`last` missing: {state}")
    for fid, v in zip(fields, row):
        if fid not in FIELD_NAMES:
            continue
        name = FIELD_NAMES[fid]
        if isinstance(v, float) and math.isnan(v):
            expect(name not in last, f"last.{name} present ({last.get(name)}) but newest value was NaN")
        else:
            expect(last.get(name) == v, f"last.{name} = {last.get(name)!r}, sent {v!r}")


def parse_iso_ms(s):
    try:
        dt = datetime.fromisoformat(s)
    except (TypeError, ValueError):
        raise CheckFailed(f"not an ISO-8601 time: {s!r}")
    expect(dt.tzinfo is not None and dt.utcoffset() == timedelta(0), f"not UTC: {s!r}")
    return round(dt.timestamp() * 1000)


# ---------------------------------------------------------------- checks

def define_checks(srv, max_body):
    checks = []

    def check(name):
        def deco(fn):
            checks.append((name, fn))
            return fn
        return deco

    @check("valid report: 2 GPUs x 3 samples -> 202 {reports:1,samples:6,duplicates:0}")
    def _():
        node, g0, g1 = new_node(), new_gpu(), new_gpu()
        rows0, rows1 = make_rows(3, len(FIELDS), 10), make_rows(3, len(FIELDS), 40)
        ts = times(3)
        rep = node_report(node, 1, new_boot(), FIELDS,
                          [gpu(0, g0, rows0, ts, job="job-conf-1"), gpu(1, g1, rows1, ts, xids=[13])],
                          {"cpu_util_pct": 12.5, "conf_vendor_gauge": 7.25})
        expect_accepted(srv.send(rep), 1, 6, 0)
        s = srv.gpu(g0)
        for k, v in [("uuid", g0), ("node", node), ("dataCenter", DC), ("index", 0),
                     ("model", "NVIDIA B200"), ("jobId", "job-conf-1"), ("samples", 3)]:
            expect(s.get(k) == v, f"gpu.{k} = {s.get(k)!r}, expected {v!r}")
        expect(parse_iso_ms(s.get("lastSampleAt")) == ts[-1], f"lastSampleAt {s.get('lastSampleAt')} != {ts[-1]} ms")
        expect_last(s, FIELDS, rows0[-1])
        s1 = srv.gpu(g1)
        expect(s1.get("index") == 1 and s1.get("jobId") is None and s1.get("samples") == 3, f"gpu 1 state: {s1}")
        expect_last(s1, FIELDS, rows1[-1])
        n = json.dumps(srv.node(node))
        expect(g0 in n and g1 in n, "node does not list its GPUs")
        expect('"conf_vendor_gauge": 7.25' in n, "unknown node gauge name not kept as-is")

    @check("same body again -> 202 {reports:0,samples:0,duplicates:1}")
    def _():
        rep, _ = simple_report()
        body = pack(rep)
        expect_accepted(srv.ingest(body, [rep[1]]), 1, 3, 0)
        expect_accepted(srv.ingest(body, [rep[1]]), 0, 0, 1)
        expect(srv.gpu(rep[5][0][1]).get("samples") == 3, "duplicate changed `samples`")

    @check("older seq same bootId -> duplicate (state unchanged); new bootId seq 1 -> applied")
    def _():
        node, g, boot = new_node(), new_gpu(), new_boot()
        t = now_ms() - 20_000
        rep5 = node_report(node, 5, boot, FIELDS, [gpu(0, g, make_rows(2, 5, 10), times(2, t))])
        expect_accepted(srv.send(rep5), 1, 2, 0)
        for seq in (3, 5):   # older, and equal with different content
            old = node_report(node, seq, boot, FIELDS, [gpu(0, g, make_rows(2, 5, 90), times(2, t + 5000))])
            expect_accepted(srv.send(old), 0, 0, 1)
        s = srv.gpu(g)
        expect(s.get("samples") == 2, f"duplicate changed samples: {s.get('samples')}")
        expect_last(s, FIELDS, make_rows(2, 5, 10)[-1])
        rows = make_rows(4, 5, 60)
        fresh = node_report(node, 1, new_boot(), FIELDS, [gpu(0, g, rows, times(4))])
        expect_accepted(srv.send(fresh), 1, 4, 0)
        s = srv.gpu(g)
        expect(s.get("samples") == 6, f"samples {s.get('samples')}, expected 6")
        expect_last(s, FIELDS, rows[-1])

    @check("several reports in one body (two nodes; two reports of one node in seq order)")
    def _():
        a, b, ga, gb, boot = new_node(), new_node(), new_gpu(), new_gpu(), new_boot()
        t = now_ms() - 10_000
        r1 = node_report(a, 1, boot, FIELDS, [gpu(0, ga, make_rows(2, 5), times(2, t))])
        r2 = node_report(b, 7, new_boot(), FIELDS, [gpu(0, gb, make_rows(3, 5), times(3, t))])
        rows = make_rows(4, 5, 70)
        r3 = node_report(a, 2, boot, FIELDS, [gpu(0, ga, rows, times(4, t + 5000))])
        body = pack(r1, r2, r3)
        expect_accepted(srv.ingest(body, [a, b]), 3, 9, 0)
        sa, sb = srv.gpu(ga), srv.gpu(gb)
        expect(sa.get("samples") == 6 and sb.get("samples") == 3, f"samples a={sa.get('samples')} b={sb.get('samples')}")
        expect_last(sa, FIELDS, rows[-1])
        expect_accepted(srv.ingest(body, [a, b]), 0, 0, 3)

    def encoded(name, encoding=None, ctype=MSGPACK):
        @check(name)
        def _():
            rep, _ = simple_report(n_rows=4)
            body = pack(rep)
            body = {"gzip": gzip.compress, "br": brotli.compress, None: bytes}[encoding](body)
            expect_accepted(srv.ingest(body, [rep[1]], ctype=ctype, encoding=encoding), 1, 4, 0)
            expect(srv.gpu(rep[5][0][1]).get("samples") == 4, "samples not stored")

    encoded("gzip body (Content-Encoding: gzip) accepted", "gzip")
    encoded("br body (Content-Encoding: br) accepted", "br")
    encoded("Content-Type application/vnd.msgpack accepted", ctype="application/vnd.msgpack")

    def values_as(name, rows, single=False):
        @check(name)
        def _():
            node, g = new_node(), new_gpu()
            rep = node_report(node, 1, new_boot(), FIELDS, [gpu(0, g, rows)])
            body = pack(rep, single=single)
            expect_accepted(srv.ingest(body, [node]), 1, len(rows), 0)
            expect_last(srv.gpu(g), FIELDS, rows[-1])

    values_as("values as float32 accepted and stored", make_rows(3, 5, 20.25), single=True)
    values_as("values as float64 accepted and stored", [[v + 1e-7 for v in r] for r in make_rows(3, 5)])
    values_as("values as integers accepted and stored", [[int(v) * 2 for v in r] for r in make_rows(3, 5, 30)])
    values_as("values mixing integers and floats accepted", [[50, 61.5, 300, 1024, 81920.0]] * 2)
    values_as("NaN accepted; field absent from `last`",
              [[50.0, 61.0, 300.0, 1.0, 2.0], [55.0, 62.0, math.nan, 1.0, math.nan]])

    @check("unknown field ids (24, 200) -> 202, known columns stored correctly")
    def _():
        node, g, fields = new_node(), new_gpu(), [1, 24, 9, 200, 7]
        rows = make_rows(3, len(fields), 5)
        expect_accepted(srv.send(node_report(node, 1, new_boot(), fields, [gpu(0, g, rows)])), 1, 3, 0)
        s = srv.gpu(g)
        expect_last(s, fields, rows[-1])
        w = (s.get("windows") or {}).get("5m", {})
        for fid, col in ((1, 0), (9, 2), (7, 4)):
            st = w.get(FIELD_NAMES[fid], {})
            vals = [r[col] for r in rows]
            expect(st.get("count") == 3 and st.get("min") == min(vals) and st.get("max") == max(vals),
                   f"5m window of {FIELD_NAMES[fid]}: {st}, expected column {vals}")

    # ---- 400s: a two-report body whose report 1 is bad; the problem must name report 1.
    def bad(name, mutate, index=1):
        @check(f"400 {name}")
        def _():
            good, _ = simple_report()
            badrep, _ = simple_report()
            badrep = mutate(badrep)
            body = badrep if isinstance(badrep, bytes) else msgpack.packb(badrep)
            token = srv.token(f"{DC}/*") if srv.secret else None   # covers both reports' nodes
            expect_problem(srv.ingest(pack(good) + body, token=token), 400, index)
            expect_absent(srv, good[1], good[5][0][1])

    def setp(pos, value):
        def m(r):
            r[pos] = value
            return r
        return m

    def setg(pos, value):
        def m(r):
            r[5][0][pos] = value(r) if callable(value) else value
            return r
        return m

    def many_gpus(r):
        r[5] = [gpu(i % 64, new_gpu(), make_rows(1, 5)) for i in range(65)]
        return r

    bad("malformed MessagePack (truncated report)", lambda r: msgpack.packb(r)[:-7])
    bad("malformed MessagePack (never-used byte 0xc1)", lambda r: b"\xc1")
    bad("report not an array (map)", lambda r: {"version": 1, "node": r[1]})
    bad("report not an array (int)", lambda r: 42)
    bad("wrong format version (2)", setp(0, 2))
    bad("bad node id: uppercase", setp(1, f"{DC}/N-{secrets.token_hex(4).upper()}"))
    bad("bad node id: part longer than 63", setp(1, f"{DC}/{'a' * 64}"))
    bad("values length != S x F", setg(5, lambda r: r[5][0][5][:-1]))
    bad("timestamps not ascending", setg(4, lambda r: list(reversed(r[5][0][4]))))
    bad("timestamp more than 5 minutes in the future", setg(4, lambda r: r[5][0][4][:-1] + [now_ms() + 10 * 60_000]))
    bad("more than 64 GPUs", many_gpus)
    bad("GPU index 64", setg(0, 64))

    def boundary(name, make):
        @check(name)
        def _():
            rep, gpus = make()
            expect_accepted(srv.send(rep), 1, sum(len(g[4]) for g in rep[5]), 0)
            for g in gpus:
                srv.gpu(g)
            srv.node(rep[1])

    def with_gpus(count):
        uuids = [new_gpu() for _ in range(count)]
        blocks = [gpu(i, u, make_rows(1, len(FIELDS))) for i, u in enumerate(uuids)]
        return node_report(new_node(), 1, new_boot(), FIELDS, blocks), uuids

    def future_ts():
        rep, _ = simple_report()
        rep[5][0][4] = times(3, now_ms() + 2 * 60_000)
        return rep, [rep[5][0][1]]

    def long_parts():
        rep, _ = simple_report(node=f"{DC}/{('n' + secrets.token_hex(32))[:63]}")
        return rep, [rep[5][0][1]]

    boundary("boundary: 0 GPUs and nil gauges accepted", lambda: with_gpus(0))
    boundary("boundary: 64 GPUs with indexes 0-63 accepted", lambda: with_gpus(64))
    boundary("boundary: 63-character node id part accepted", long_parts)
    boundary("boundary: timestamps 2 minutes in the future accepted", future_ts)

    @check("400 bad node id: no slash")
    def _():
        # Single-report body with the exact node-id token, so only the id itself can be wrong.
        rep, _ = simple_report(node=f"{DC}-n-{secrets.token_hex(4)}")
        expect_problem(srv.send(rep), 400, 0)
        expect(srv.get(f"/api/v1/gpus/{rep[5][0][1]}").status == 404, "GPU of rejected report exists")

    @check("atomic: rejected body does not advance seq of an existing node")
    def _():
        node, g, boot = new_node(), new_gpu(), new_boot()
        first = node_report(node, 1, boot, FIELDS, [gpu(0, g, make_rows(2, 5), times(2, now_ms() - 20_000))])
        expect_accepted(srv.send(first), 1, 2, 0)
        second = node_report(node, 2, boot, FIELDS, [gpu(0, g, make_rows(3, 5, 80))])
        broken, _ = simple_report(node=node, seq=3, boot=boot)
        broken[5][0][5] = broken[5][0][5][:-2]
        expect_problem(srv.send(second, broken), 400, 1)
        expect(srv.gpu(g).get("samples") == 2, "rejected body changed `samples`")
        expect_accepted(srv.send(second), 1, 3, 0)

    # ---- body size: exactly the limit is accepted, one byte more is 413
    def sized_body(node, g, size):
        """A valid report of exactly `size` bytes: up to 64 GPUs with 255 columns (ids 24-255
        unknown, skipped) of 1-byte zeros; some unknown-column zeros become 200 (2 bytes each)
        to hit the size exactly. Returns (body, samples)."""
        fields = list(range(1, 256))
        n_gpus = max(1, min(64, size // 100_000))
        n_rows = max(1, (size - 8192) // (n_gpus * (9 + len(fields))))
        ts = times(n_rows, now_ms() - 1000, step=1)
        blocks = [gpu_block(i, g if i == 0 else new_gpu(), ts, [0] * (n_rows * len(fields)))
                  for i in range(n_gpus)]
        rep = node_report(node, 1, new_boot(), fields, blocks)
        short = size - len(pack(rep))
        slots = ((b[5], r * len(fields) + j) for b in blocks for r in range(n_rows) for j in range(23, len(fields)))
        for _, (vals, k) in zip(range(short), slots):
            vals[k] = 200
        body = pack(rep)
        expect(len(body) == size, f"could not build a {size}-byte body ({len(body)})")
        return body, n_gpus * n_rows

    @check("one GPU block with 4000 samples accepted (WIRE.md sets no upper bound on S)")
    def _():
        rep, _ = simple_report(n_rows=4000)
        rep[5][0][4] = times(4000, step=50)
        expect(len(pack(rep)) <= max_body, "--max-body-bytes too small for this check")
        expect_accepted(srv.send(rep), 1, 4000, 0)

    @check("body of exactly --max-body-bytes accepted")
    def _():
        node, g = new_node(), new_gpu()
        body, samples = sized_body(node, g, max_body)
        expect_accepted(srv.ingest(body, [node]), 1, samples, 0)

    @check("413 body of --max-body-bytes + 1")
    def _():
        node, g = new_node(), new_gpu()
        body, _ = sized_body(node, g, max_body + 1)
        expect_problem(srv.ingest(body, [node]), 413)
        expect_absent(srv, node, g)

    @check("413 gzip body whose decompressed size is --max-body-bytes + 1")
    def _():
        node, g = new_node(), new_gpu()
        raw, _ = sized_body(node, g, max_body + 1)
        body = gzip.compress(raw)
        expect(len(body) < max_body // 4, f"test body compresses only to {len(body)} bytes")
        expect_problem(srv.ingest(body, [node], encoding="gzip"), 413)
        expect_absent(srv, node, g)

    @check("415 Content-Type application/json")
    def _():
        rep, _ = simple_report()
        expect_problem(srv.send(rep, ctype="application/json"), 415)
        expect_absent(srv, rep[1], rep[5][0][1])

    @check("exact windows: 20 samples over the last 8 s (10s, 1m, 5m)")
    def _():
        node, g, fields = new_node(), new_gpu(), [1, 9, 7]
        end = now_ms() - 20
        ts = [end - (19 - i) * 400 for i in range(20)]
        rows = [[(37 * i) % 101 + 0.125, 250.0 + 13.3 * ((i * 7) % 20), 55 + (i % 6) * 1.7] for i in range(20)]
        rep = node_report(node, 1, new_boot(), fields, [gpu_block(0, g, ts, [v for r in rows for v in r])])
        expect_accepted(srv.send(rep), 1, 20, 0)
        s = srv.gpu(g)
        expect(s.get("samples") == 20, f"samples {s.get('samples')}")
        expect_last(s, fields, rows[-1])
        windows = s.get("windows") or {}
        for w in ("10s", "1m", "5m"):
            for col, fid in enumerate(fields):
                name, vals = FIELD_NAMES[fid], [r[col] for r in rows]
                st = (windows.get(w) or {}).get(name)
                expect(isinstance(st, dict), f"windows.{w}.{name} missing")
                expect(st.get("count") == 20, f"windows.{w}.{name}.count = {st.get('count')}, expected 20")
                expect(st.get("min") == min(vals), f"windows.{w}.{name}.min = {st.get('min')}, expected {min(vals)}")
                expect(st.get("max") == max(vals), f"windows.{w}.{name}.max = {st.get('max')}, expected {max(vals)}")
                mean = math.fsum(vals) / len(vals)
                got = st.get("mean")
                expect(isinstance(got, (int, float)) and abs(got - mean) <= 1e-9,
                       f"windows.{w}.{name}.mean = {got}, expected {mean}")

    if srv.secret:
        def auth(name, token, status, nodes=1):
            @check(name)
            def _():
                reps = [simple_report()[0] for _ in range(nodes)]
                tok = token(reps) if callable(token) else token
                r = srv.send(*reps, token=tok)
                if status == 202:
                    expect_accepted(r, nodes, 3 * nodes, 0)
                else:
                    expect_problem(r, status)
                    for rep in reps:
                        expect_absent(srv, rep[1], rep[5][0][1])

        auth("auth: no token -> 401", None, 401)
        auth("auth: forged token (wrong secret) -> 401",
             lambda reps: srv.token(reps[0][1], secret="not-the-secret"), 401)
        auth("auth: garbage token -> 401", "not-a-token", 401)
        auth("auth: node A's token, body for nodes A and B -> 403", lambda reps: srv.token(reps[0][1]), 403, 2)
        # A stateless verifier cannot tell a genuine token for a node absent from the body from a
        # forged one (WIRE.md: no token table), so "invalid" (401) and "not for this node" (403)
        # are both contract answers here; what matters is the rejection and that nothing changed.
        auth("auth: node A's token, body for node B only -> 401 or 403",
             lambda reps: srv.token(new_node()), (401, 403))
        auth("auth: other data center's token -> 401 or 403", lambda reps: srv.token("dc-other/*"), (401, 403))
        auth("auth: data-center token accepted (one node)", lambda reps: srv.token(f"{DC}/*"), 202)
        auth("auth: data-center token accepted (two nodes)", lambda reps: srv.token(f"{DC}/*"), 202, 2)
    return checks


def main():
    ap = argparse.ArgumentParser(description="Ingest wire format v1 conformance client")
    ap.add_argument("--url", required=True)
    ap.add_argument("--secret")
    ap.add_argument("--max-body-bytes", type=int, default=4 * 1024 * 1024)
    args = ap.parse_args()
    srv = Server(args.url, args.secret)
    passed = failed = 0
    for name, fn in define_checks(srv, args.max_body_bytes):
        try:
            fn()
            print(f"PASS {name}", flush=True)
            passed += 1
        except CheckFailed as e:
            print(f"FAIL {name}: {e}", flush=True)
            failed += 1
        except Exception as e:  # a bug here or a wildly wrong answer: still a failure, keep going
            print(f"FAIL {name}: unexpected {type(e).__name__}: {e}", flush=True)
            failed += 1
    print(f"conformance: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
