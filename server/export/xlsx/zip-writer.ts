// A streaming ZIP writer on node:zlib: each entry is deflated as its chunks are pulled, and
// nothing more is pulled while `out` is full, so memory stays flat however big an entry grows.
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { crc32, createDeflateRaw } from "node:zlib";
import {
  centralHeader,
  type DosStamp,
  dataDescriptor,
  dosStamp,
  endOfCentralDirectory,
  localHeader,
  type ZipEntry,
} from "./zip-records.ts";

/**
 * Without ZIP64, sizes and offsets are 32-bit. That holds a raw sheet of Excel's full 1,048,576
 * rows at 60 short answers each; anything bigger fails loudly instead of writing a corrupt file.
 */
const ZIP32_LIMIT = 0xffffffff;

export type Chunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** Resolves once `out` has room again; rejects if it is gone, so a writer never waits forever. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      out.off("error", settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () =>
      settle(new Error("the download stream closed before the file was written"));
    out.on("drain", onDrain);
    out.on("close", onClose);
    out.on("error", settle);
  });
}

export class ZipWriter {
  private offset = 0;
  private readonly entries: ZipEntry[] = [];
  private readonly stamp: DosStamp;

  constructor(
    private readonly out: Writable,
    modified = new Date(),
  ) {
    this.stamp = dosStamp(modified);
  }

  /** Adds one file; entries are written one after another, so await each before the next. */
  async addEntry(name: string, chunks: Chunks): Promise<void> {
    const entry: ZipEntry = {
      name: Buffer.from(name, "utf8"),
      offset: this.offset,
      crc: 0,
      size: 0,
      compressedSize: 0,
    };
    await this.emit(localHeader(entry, this.stamp));
    async function* measured(source: Chunks) {
      for await (const chunk of source) {
        entry.crc = crc32(chunk, entry.crc);
        entry.size += chunk.length;
        if (entry.size > ZIP32_LIMIT)
          throw new Error(`${name} is too large for a ZIP without ZIP64`);
        yield chunk;
      }
    }
    // On failure pipeline() stops the deflate stream and returns the source generator, which in
    // turn closes whatever iterator feeds it (a database cursor, say).
    await pipeline(
      measured(chunks),
      createDeflateRaw(),
      async (compressed: AsyncIterable<Buffer>) => {
        for await (const chunk of compressed) {
          entry.compressedSize += chunk.length;
          await this.emit(chunk);
        }
      },
    );
    await this.emit(dataDescriptor(entry));
    this.entries.push(entry);
  }

  /** Writes the central directory and ends `out`. */
  async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) await this.emit(centralHeader(entry, this.stamp));
    await this.emit(endOfCentralDirectory(this.entries.length, this.offset - start, start));
    this.out.end();
  }

  private async emit(bytes: Uint8Array): Promise<void> {
    if (this.out.destroyed || this.out.writableEnded)
      throw new Error("the download stream closed before the file was written");
    this.offset += bytes.length;
    if (this.offset > ZIP32_LIMIT) throw new Error("the file is too large for a ZIP without ZIP64");
    if (!this.out.write(bytes)) await drained(this.out);
  }
}
