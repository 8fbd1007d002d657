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
    words: {},  // chunk name -> its words, once loaded (__arshifChunkLoaded)
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

/* The words of every index chunk Pagefind has loaded, for search.js to tell whether a
   query word is in the index at all (Pagefind answers without a word that matches nothing).
   compact.py routes each chunk Pagefind decompresses through here. A chunk is CBOR
   [[[word, postings, variants], ...]]; only the words are kept, in the chunk's (sorted) order. */
function __arshifChunkLoaded(url, bytes) {
  try {
    if (!globalThis.__arshifIndex || !/\/index\/[^\/]+\.pf_index$/.test(url)) return bytes;
    var at = 0, text = new TextDecoder();
    function head() {
      var first = bytes[at++], info = first & 31, n = info;
      if (info === 24) { n = bytes[at]; at += 1; }
      else if (info === 25) { n = (bytes[at] << 8) | bytes[at + 1]; at += 2; }
      else if (info === 26) { n = ((bytes[at] << 24) >>> 0) + (bytes[at + 1] << 16) + (bytes[at + 2] << 8) + bytes[at + 3]; at += 4; }
      else if (info === 27) { n = 0; for (var i = 0; i < 8; i++) n = n * 256 + bytes[at + i]; at += 8; }
      else if (info > 27) throw new Error("indefinite CBOR");
      return [first >> 5, n];
    }
    function skip() {
      var h = head();
      if (h[0] === 2 || h[0] === 3) at += h[1];
      else if (h[0] === 4) { for (var i = 0; i < h[1]; i++) skip(); }
      else if (h[0] === 5) { for (var j = 0; j < 2 * h[1]; j++) skip(); }
      else if (h[0] === 6) skip();
    }
    var words = [];
    if (head()[0] !== 4) throw new Error("chunk");
    var count = head();
    if (count[0] !== 4) throw new Error("chunk words");
    for (var w = 0; w < count[1]; w++) {
      var entry = head(), word = head();
      if (entry[0] !== 4 || word[0] !== 3) throw new Error("chunk word");
      words.push(text.decode(bytes.subarray(at, at + word[1])));
      at += word[1];
      for (var rest = 1; rest < entry[1]; rest++) skip();
    }
    globalThis.__arshifIndex.words[url.split("/").pop().replace(/\.pf_index$/, "")] = words;
  } catch (e) { /* search.js then asks Pagefind itself */ }
  return bytes;
}
