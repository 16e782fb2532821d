// Runs only in browsers without module scripts (nomodule), which cannot run the phone page: shows
// the "browser too old" line of render-pages.ts's fallback at once. ES5, external (strict CSP).
document.documentElement.className += " no-module";
