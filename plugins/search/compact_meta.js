/* Arshif: the compact page table (plugins/search/compact.py), expanded in the browser into
   the metadata Pagefind's WebAssembly reads. compact.py puts this function at the top of the
   served pagefind.js and has loadMeta pass the bytes it fetched through it; Pagefind's own
   metadata (anything not starting with the signature) passes through untouched.

   Compact layout: SIGNATURE, one line of JSON {version, tag, dated, steps, bounds, rest:
   [filters, sorts, ...]}, then one byte per page: 0 for no words, else 1 + round(log2(word
   count) * steps). bounds are the index chunks' first and last words, front-coded: [shared,
   rest, ...], each word the first `shared` UTF-16 units of the word before it + rest. Page i
   is named tag + ("n" if i < dated else "u") + i in hex, index chunk i tag + i in hex: the
   names compact.py gave the files.

   It also leaves the index chunk table where search.js can use it (__arshifIndex): a
   whole word's tokens may run over several chunks, and search.js loads exactly those. */
function __arshifExpandMeta(bytes, instance) {
  var SIGNATURE = "arshif_meta1\n";
  var head = new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length));
  if (head !== SIGNATURE) return bytes;
  var newline = bytes.indexOf(10, SIGNATURE.length);
  var meta = JSON.parse(new TextDecoder().decode(bytes.subarray(SIGNATURE.length, newline)));
  var counts = bytes.subarray(newline + 1);
  var pages = new Array(counts.length);
  for (var i = 0; i < counts.length; i++) {
    var step = counts[i];
    pages[i] = [meta.tag + (i < meta.dated ? "n" : "u") + i.toString(16),
                step ? Math.round(Math.pow(2, (step - 1) / meta.steps)) : 0];
  }
  var bounds = [], previous = "";
  for (var b = 0; b < meta.bounds.length; b += 2) {
    previous = previous.slice(0, meta.bounds[b]) + meta.bounds[b + 1];
    bounds.push(previous);
  }
  var chunks = [];
  for (var n = 0; n < bounds.length / 2; n++) chunks.push([bounds[2 * n], bounds[2 * n + 1], meta.tag + n.toString(16)]);
  globalThis.__arshifIndex = {
    chunks: chunks,
    load: function (name) { return instance.loadChunk(name); }
  };
  return __arshifCbor([meta.version, pages, chunks].concat(meta.rest));
}

/* CBOR (RFC 8949) of arrays, strings and unsigned integers, definite lengths, shortest
   heads: the encoding Pagefind writes and Python's cbor2 produces. */
function __arshifCbor(value) {
  var out = new Uint8Array(1 << 16), at = 0;
  var utf8 = new TextEncoder();
  function room(n) {
    if (at + n <= out.length) return;
    var bigger = new Uint8Array(Math.max(out.length * 2, at + n));
    bigger.set(out.subarray(0, at));
    out = bigger;
  }
  function head(major, n) {
    room(9);
    if (n < 24) { out[at++] = (major << 5) | n; }
    else if (n < 0x100) { out[at++] = (major << 5) | 24; out[at++] = n; }
    else if (n < 0x10000) { out[at++] = (major << 5) | 25; out[at++] = n >> 8; out[at++] = n & 255; }
    else if (n < 0x100000000) {
      out[at++] = (major << 5) | 26;
      out[at++] = (n >>> 24) & 255; out[at++] = (n >>> 16) & 255; out[at++] = (n >>> 8) & 255; out[at++] = n & 255;
    } else { throw new Error("Arshif page table: number too large " + n); }
  }
  function put(v) {
    if (typeof v === "number") {
      if (!(v >= 0 && Math.floor(v) === v)) throw new Error("Arshif page table: not an unsigned integer " + v);
      head(0, v);
    } else if (typeof v === "string") {
      var bytes = utf8.encode(v);
      head(3, bytes.length);
      room(bytes.length);
      out.set(bytes, at);
      at += bytes.length;
    } else if (Array.isArray(v)) {
      head(4, v.length);
      for (var i = 0; i < v.length; i++) put(v[i]);
    } else {
      throw new Error("Arshif page table: unexpected value " + JSON.stringify(v));
    }
  }
  put(value);
  return out.slice(0, at);
}
