// In the results worker: a Writable that posts a file to the main thread in 64 KB chunks, with
// at most a few unacknowledged, so a slow client never makes the worker hold a whole workbook.
import { Writable } from "node:stream";

const CHUNK_BYTES = 64 * 1024;
/** Chunks posted but not yet forwarded by the main thread. */
const WINDOW = 4;

export class ChunkSender extends Writable {
  private parts: Buffer[] = [];
  private size = 0;
  private unacked = 0;
  private waiting: (() => void) | null = null;

  constructor(private readonly post: (bytes: Uint8Array) => void) {
    super();
  }

  /** The main thread forwarded a chunk: release a writer held at the window. */
  acknowledge(): void {
    this.unacked = Math.max(0, this.unacked - 1);
    const resume = this.waiting;
    this.waiting = null;
    resume?.();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void) {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size < CHUNK_BYTES) return done();
    this.flush(done);
  }

  override _final(done: (error?: Error) => void) {
    if (this.size === 0) return done();
    this.flush(done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void) {
    this.waiting = null;
    done(error);
  }

  private flush(done: () => void) {
    const bytes = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.unacked += 1;
    this.post(bytes);
    if (this.unacked < WINDOW) done();
    else this.waiting = done;
  }
}
