// Entry of the admin console: defines <admin-app>, which the server's /admin/ shell contains.
// lit-nonce must come first: ES modules evaluate in import order.
import "../respond/lit-nonce.ts";
import "./admin-app.ts";
