// Writes log lines in one write per event-loop turn: a write per request to a pipe is a syscall
// per request, and on Linux pipe writes from process.stdout are synchronous.
export function createBufferedLog(
  stream: NodeJS.WritableStream = process.stdout,
): (line: string) => void {
  let pending = "";
  const flush = () => {
    const chunk = pending;
    pending = "";
    stream.write(chunk);
  };
  return function log(line) {
    if (pending === "") setImmediate(flush);
    pending += `${line}\n`;
  };
}
