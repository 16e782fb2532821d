// Entry of the respondent page: defines <survey-page>, which reads the survey embedded in the HTML.
// lit-nonce must come first: ES modules evaluate in import order.
import "./lit-nonce.ts";
import "./survey-page.ts";
