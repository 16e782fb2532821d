// /privacy: clears the records the phone page keeps after a submission through a link
// (client/respond/autosave.ts, SUBMITTED_PREFIX). Served as written, never built: nothing newer
// than the phone page's build target (es2020), so any phone that could submit can clear. External,
// since the CSP allows no inline script.
(() => {
  const PREFIX = "survey-done:";
  const button = document.getElementById("forget-submitted");
  const status = document.getElementById("forget-status");
  if (!button || !status) return;

  /** The keys of the records on this device; null when the browser keeps no storage. */
  const records = () => {
    try {
      const found = [];
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key && key.indexOf(PREFIX) === 0) found.push(key);
      }
      return found;
    } catch {
      return null;
    }
  };

  const say = (found) => {
    status.textContent =
      found === null
        ? "这个浏览器不允许网页保存数据，手机上没有提交记录。"
        : found.length > 0
          ? `这部手机上现有 ${found.length} 条提交记录。`
          : "这部手机上没有提交记录。";
  };

  const found = records();
  say(found);
  if (found === null) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    for (const key of records() || []) localStorage.removeItem(key);
    say(records());
  });
})();
