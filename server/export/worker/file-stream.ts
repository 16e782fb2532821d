// On the main thread: the Readable a download's response body reads, filled by the worker's
// chunks. A chunk is acknowledged once the stream has room, which paces the worker to the client.
import { Readable } from "node:stream";

export interface FileStream {
  readable: Readable;
  push(bytes: Uint8Array): void;
  end(): void;
  fail(error: Error): void;
}

/** `ack`: let the worker send another chunk; `cancel`: the client went away before the end. */
export function createFileStream(ack: () => void, cancel: () => void): FileStream {
  let owed = 0;
  let ended = false;
  const readable = new Readable({
    read() {
      for (; owed > 0; owed--) ack();
    },
  });
  readable.once("close", () => {
    if (!ended) cancel();
  });
  return {
    readable,
    push(bytes) {
      if (readable.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) ack();
      else owed += 1;
    },
    end() {
      ended = true;
      readable.push(null);
    },
    fail(error) {
      ended = true;
      readable.destroy(error);
    },
  };
}
