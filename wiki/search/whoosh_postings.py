"""Read a term's postings from a Whoosh segment into numpy arrays, a block at a time.

Whoosh's matchers hand out one posting per method call; whoosh_rank needs a term's
postings whole. The whoosh3 codec stores them in blocks of up to 128: a small pickled
header (count, last id, max weight, compression, …) and a zlib-compressed pickle of
(id deltas, weights, values), where a value holds the posting's word positions as
pickled bytes. Unpickling those bytes took 90 % of the time to read a block, and ranking
needs no positions: `_ids_and_weights` decompresses only the start of a block and
unpickles it up to where the positions begin. Phrases do need positions, but only in
the documents that have every word (`term_positions`), so only those blocks are
decoded whole.

This reads the file layout of whoosh3 as pinned in pyproject.toml. Anything it does not
recognise goes through Whoosh's own matcher or unpickler, and tests compare the result
with Whoosh's matcher.
"""

import io
import pickle
import struct
import zlib
from collections.abc import Iterator
from itertools import chain

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3LeafMatcher
from whoosh.reading import TermNotFound

_BLOCK_SIZE = struct.Struct("!i")
# Positions are pickled bytes, which protocol 2 writes as calls to _codecs.encode: the
# first call marks where a block's positions begin.
_POSITIONS = b"c_codecs\nencode\n"
_TUPLE2_STOP = b"\x86."
NONE = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def term_postings(reader, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
    """Return a term's document numbers and weights in one segment, deletions included."""
    matcher = _matcher(reader, fieldname, text)
    if matcher is None:
        return NONE
    if isinstance(matcher, W3LeafMatcher):
        return _read_ids_and_weights(matcher)
    docs, weights = [], []
    while matcher.is_active():
        docs.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.array(docs, dtype=np.int64), np.array(weights, dtype=np.float64)


def term_positions(
    reader, fieldname: str, text, within: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return (document number, word position) pairs of a term in the documents of within."""
    matcher = _matcher(reader, fieldname, text)
    docs: list[int] = []
    positions: list[int] = []
    if matcher is None:
        pass
    elif isinstance(matcher, W3LeafMatcher):
        decode = reader.schema[fieldname].format.decode_positions
        # How many documents of within come before each document number.
        before = np.concatenate([[0], np.cumsum(within)])
        first = 0
        for _, last, data, compressed in _blocks(matcher):
            if before[last + 1] > before[first]:
                deltas, _, values = pickle.loads(zlib.decompress(data) if compressed else data)
                ids = np.cumsum(deltas)
                for i in np.flatnonzero(within[ids]).tolist():
                    found = decode(values[i])
                    docs += [int(ids[i])] * len(found)
                    positions += found
            first = last + 1
    else:
        while matcher.is_active():
            if within[matcher.id()]:
                found = matcher.value_as("positions")
                docs += [matcher.id()] * len(found)
                positions += found
            matcher.next()
    return np.array(docs, dtype=np.int64), np.array(positions, dtype=np.int64)


def _matcher(reader, fieldname: str, text):
    """Return the term's matcher without its deletions filter, or None without the term."""
    try:
        matcher = reader.postings(fieldname, text)
    except (KeyError, TermNotFound):
        return None
    # Deletions wrap the block reader in a filter; callers mask them out instead.
    child = getattr(matcher, "child", None)
    return child if isinstance(child, W3LeafMatcher) else matcher


def _blocks(matcher: W3LeafMatcher) -> Iterator[tuple[int, int, bytes, int]]:
    """Yield (posting count, last id, data, compression) for each block, read at once."""
    # whoosh3 3.54 reads the extent's length back as a 1-tuple.
    length = matcher._length[0] if isinstance(matcher._length, tuple) else matcher._length
    raw = matcher._postfile.get(matcher._startoffset, length)
    stream = io.BytesIO(raw)
    position = len(WHOOSH3_HEADER_MAGIC)
    while position < len(raw):
        size = _BLOCK_SIZE.unpack_from(raw, position)[0]
        end = position + _BLOCK_SIZE.size + abs(size)
        stream.seek(position + _BLOCK_SIZE.size)
        count, last, _, compressed = pickle.load(stream)[:4]
        yield count, last, raw[stream.tell() : end], compressed
        if size < 0:  # the last block
            break
        position = end


def _read_ids_and_weights(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    ids, weights, counts, lasts = [], [], [], []
    for count, last, data, compressed in _blocks(matcher):
        block_ids, block_weights = _ids_and_weights(data, count, compressed)
        ids.append(block_ids)
        if block_weights is None or isinstance(block_weights, float):
            block_weights = (1.0 if block_weights is None else block_weights,) * count
        weights.append(block_weights)
        counts.append(count)
        lasts.append(last)
    total = sum(counts)
    docs = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=total)
    # Ids are deltas within a block, whose first id is absolute.
    docs[np.cumsum(counts[:-1], dtype=np.int64)] -= np.array(lasts[:-1], dtype=np.int64)
    return np.cumsum(docs), np.fromiter(chain.from_iterable(weights), np.float64, total)


def _ids_and_weights(data: bytes, count: int, compressed: int) -> tuple[tuple, object]:
    """Return a block's id deltas and weights, unpickling its positions only if need be."""
    if compressed:
        # Small id deltas and weights take 11 bytes a posting; larger deltas more.
        inflate = zlib.decompressobj()
        head = inflate.decompress(data, 11 * count + 32)
        cut = head.find(_POSITIONS)
        if cut < 0:
            head += inflate.decompress(inflate.unconsumed_tail, 5 * count + 64)
            cut = head.find(_POSITIONS)
    else:
        head = data
        cut = head.find(_POSITIONS)
    # A tuple of more than three positions opens with a mark just before.
    if count > 3:
        cut -= 1
    if cut > 0:
        try:
            ids, weights = pickle.loads(head[:cut] + _TUPLE2_STOP)
        except Exception:  # cut in the wrong place: any unpickling error; decode whole
            ids = weights = None
        if _is_block(ids, weights, count):
            return ids, weights
    ids, weights, _ = pickle.loads(zlib.decompress(data) if compressed else data)
    return ids, weights


def _is_block(ids, weights, count: int) -> bool:
    return (
        isinstance(ids, tuple)
        and len(ids) == count
        and (
            weights is None
            or isinstance(weights, float)
            or (isinstance(weights, tuple) and len(weights) == count)
        )
    )
