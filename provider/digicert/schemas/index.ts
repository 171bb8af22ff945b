// One zod schema per DigiCert wire object, snake_case exactly as on the wire.
// The camelCase API schemas and types are derived in one step (codec.ts).
//
// Requests are strict: an order costs money, and a misspelt optional field
// silently dropped (say `skipApproval` typed as `skip_approval`) would place a
// different order from the one asked for. Responses are lenient about extra
// fields (DigiCert adds fields over time) but strict about the ones we use.
//
// The schemas live one concern a file in this folder; this file gathers them.
export * from "./enums";
export * from "./requests";
export * from "./responses";
export * from "./order-info";
export * from "./orders-list";
export * from "./camel";
