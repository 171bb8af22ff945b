// Every error the client throws is a DigiCertError. Subclasses say what kind of
// failure it was, so callers branch on `instanceof`, never on message text.
// None of them ever holds got's options/request/response objects: those carry
// the X-DC-DEVKEY header, and errors end up in logs and Pulumi diagnostics.
//
// One kind of failure a file in this folder; this file gathers them.
export * from "./base";
export * from "./config-errors";
export * from "./api-errors";
export * from "./network-errors";
