// Hands the page's CSP style nonce to Lit before any element renders. Only browsers without
// constructable stylesheets (iOS Safari < 16.4) use it: Lit then writes <style nonce=…> tags.
const meta = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]');
if (meta?.content) (globalThis as { litNonce?: string }).litNonce = meta.content;
