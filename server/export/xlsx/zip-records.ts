// The fixed-size records of a ZIP file (PKWARE APPNOTE 6.3.x §4.3), for entries that are deflated
// as they stream: sizes and CRC follow the data in a descriptor and are repeated centrally.

export interface ZipEntry {
  name: Buffer;
  /** Where the local header starts. */
  offset: number;
  crc: number;
  size: number;
  compressedSize: number;
}

/** MS-DOS date and time, as ZIP stores them: 2-second steps, years from 1980. */
export interface DosStamp {
  time: number;
  date: number;
}

export function dosStamp(when: Date): DosStamp {
  return {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | (when.getSeconds() >> 1),
    date:
      ((Math.max(1980, when.getFullYear()) - 1980) << 9) |
      ((when.getMonth() + 1) << 5) |
      when.getDate(),
  };
}

/** Bit 3: sizes and CRC come after the data. Bit 11: names are UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;
/** 2.0: deflate, no ZIP64. */
const VERSION = 20;

export function localHeader(entry: ZipEntry, stamp: DosStamp): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(FLAGS, 6);
  b.writeUInt16LE(DEFLATE, 8);
  b.writeUInt16LE(stamp.time, 10);
  b.writeUInt16LE(stamp.date, 12);
  // CRC and sizes (14..25) stay 0: the data descriptor carries them.
  b.writeUInt16LE(entry.name.length, 26);
  return Buffer.concat([b, entry.name]);
}

export function dataDescriptor(entry: ZipEntry): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(entry.crc, 4);
  b.writeUInt32LE(entry.compressedSize, 8);
  b.writeUInt32LE(entry.size, 12);
  return b;
}

export function centralHeader(entry: ZipEntry, stamp: DosStamp): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(VERSION, 4);
  b.writeUInt16LE(VERSION, 6);
  b.writeUInt16LE(FLAGS, 8);
  b.writeUInt16LE(DEFLATE, 10);
  b.writeUInt16LE(stamp.time, 12);
  b.writeUInt16LE(stamp.date, 14);
  b.writeUInt32LE(entry.crc, 16);
  b.writeUInt32LE(entry.compressedSize, 20);
  b.writeUInt32LE(entry.size, 24);
  b.writeUInt16LE(entry.name.length, 28);
  // Extra field, comment, disk number and attributes (30..41) are all 0.
  b.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([b, entry.name]);
}

export function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
