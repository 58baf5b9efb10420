// A zip archive of files stored as they are (no compression), so that the comparison's two runs
// download as one file holding two run folders. The format: PKWARE's APPNOTE.TXT (local file
// headers, the central directory, the end record), method 0 "stored", CRC-32 of IEEE 802.3.

export interface ZipEntry {
  /** Path inside the archive, '/' between folders (stored as UTF-8, flagged so). */
  name: string;
  data: Uint8Array;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** 1980-01-01 00:00 in MS-DOS format: a fixed date, so the same files make the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** The most a zip without its Zip64 extension holds: 65,535 entries, offsets and sizes below 4 GiB. */
const MAX_ENTRIES = 0xffff;
const MAX_BYTES = 0xffffffff;

/** The archive's bytes: each file stored, then the central directory and the end record. */
export function storeZip(entries: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const localSize = entries.reduce((sum, e, i) => sum + 30 + names[i].length + e.data.length, 0);
  const centralSize = names.reduce((sum, name) => sum + 46 + name.length, 0);
  // the fields would wrap without a word past these: refuse instead
  if (entries.length > MAX_ENTRIES || localSize + centralSize + 22 > MAX_BYTES) {
    throw new RangeError(
      `a stored zip holds at most ${MAX_ENTRIES} files and 4 GiB, not ${entries.length} files and ${localSize + centralSize + 22} bytes`,
    );
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs = entries.map((e) => crc32(e.data));
  let at = 0;
  entries.forEach((entry, i) => {
    offsets.push(at);
    // local file header
    view.setUint32(at, 0x04034b50, true);
    writeCommon(view, at + 4, crcs[i], entry.data.length, names[i].length);
    out.set(names[i], at + 30);
    out.set(entry.data, at + 30 + names[i].length);
    at += 30 + names[i].length + entry.data.length;
  });
  const central = at;
  entries.forEach((entry, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: version 2.0
    writeCommon(view, at + 6, crcs[i], entry.data.length, names[i].length);
    // comment length, disk number, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out;
}

/** The fields local and central headers share, from "version needed" to the name's length. */
function writeCommon(view: DataView, at: number, crc: number, size: number, nameLength: number): void {
  view.setUint16(at, 20, true); // version needed: 2.0
  view.setUint16(at + 2, 0x0800, true); // flags: bit 11, the name is UTF-8
  view.setUint16(at + 4, 0, true); // method: stored
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, crc, true);
  view.setUint32(at + 14, size, true); // compressed size
  view.setUint32(at + 18, size, true); // uncompressed size
  view.setUint16(at + 22, nameLength, true);
}
