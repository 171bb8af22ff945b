// The one way a client call reaches DigiCert: sends through the transport, keeps the
// shared order reads true to the writes, and decodes the answers.
import type { z } from "zod";
import type { CamelSchema } from "./codec";
import { buildPath, endpointName, type Endpoint } from "./endpoints";
import { DigiCertOrderMayExistError, DigiCertResponseError } from "./errors";
import { describeUnknown, firstSeen, unknownValues } from "./lenient";
import { RecentReads } from "./recent-reads";
import type { Redactor } from "./redact";
import { decodeResponse, parseJsonBody } from "./response";
import { WireRevokeResponse, type OrderInfo, type RevokeResponse } from "./schemas";
import type { LogFn, SendSpec, Transport } from "./transport";

/** What a write may change among the shared order reads. */
export const ALL_ORDERS = "all orders";
export type Changes = typeof ALL_ORDERS | { readonly orderId: number };

export class ClientRequests {
  readonly orders = new RecentReads<OrderInfo>();
  readonly #transport: Transport;
  readonly #log: LogFn | undefined;
  readonly #redact: Redactor;

  constructor(transport: Transport, log: LogFn | undefined, redact: Redactor) {
    this.#transport = transport;
    this.#log = log;
    this.#redact = redact;
  }

  /** Whether a request sent now would wait for the rate limits. */
  wouldWait(): boolean {
    return this.#transport.wouldWait();
  }

  /** Decodes an answer; a value outside an enum's documented list is read as it is and said once per process. */
  decode<T extends z.ZodType>(name: string, status: number, json: unknown, wire: T): z.output<CamelSchema<T>> {
    const value = decodeResponse(name, status, json, wire);
    const log = this.#log;
    if (log !== undefined) {
      for (const u of firstSeen(unknownValues(wire, json))) {
        try {
          // The value is DigiCert's text: redacted like every line the transport logs.
          log("warn", this.#redact(describeUnknown(name, u)));
        } catch {
          // A failing logger must not turn a good answer into a failure.
        }
      }
    }
    return value;
  }

  /** Every request goes through here: a write drops the shared reads it may change, before and after it. */
  async send(spec: SendSpec, changes: Changes = ALL_ORDERS): ReturnType<Transport["send"]> {
    if (spec.endpoint.method === "GET") return this.#transport.send(spec);
    this.#forget(changes);
    try {
      return await this.#transport.send(spec);
    } finally {
      this.#forget(changes);
    }
  }

  #forget(changes: Changes): void {
    if (changes === ALL_ORDERS) this.orders.clear();
    else this.orders.forget(changes.orderId);
  }

  async json<T extends z.ZodType>(spec: SendSpec, wire: T, changes?: Changes): Promise<z.output<CamelSchema<T>>> {
    const res = await this.send(spec, changes);
    const name = endpointName(spec.endpoint);
    return this.decode(name, res.status, parseJsonBody(name, res.status, res.body), wire);
  }

  /**
   * A paid POST's answer. A 2xx whose body cannot be read (an HTML page from a proxy or
   * CDN, an id beyond 2^53) says DigiCert took the request and not what it placed: that
   * is "may exist" (recovered like a lost answer), never "refused".
   */
  async paidJson<T extends z.ZodType>(
    spec: SendSpec & { billable: NonNullable<SendSpec["billable"]> },
    wire: T,
    opts: { changes?: Changes; check?: (value: z.output<CamelSchema<T>>) => void } = {},
  ): Promise<z.output<CamelSchema<T>>> {
    const res = await this.send(spec, opts.changes);
    const name = endpointName(spec.endpoint);
    try {
      const value = this.decode(name, res.status, parseJsonBody(name, res.status, res.body), wire);
      opts.check?.(value);
      return value;
    } catch (err) {
      if (!(err instanceof DigiCertResponseError)) throw err;
      throw new DigiCertOrderMayExistError(
        {
          method: spec.endpoint.method,
          path: buildPath(spec.endpoint, spec.params),
          endpoint: name,
          code: `HTTP_${res.status}_UNREADABLE`,
          ambiguous: true,
          attempts: 1,
          cause: err,
        },
        spec.billable,
      );
    }
  }

  async noContent(endpoint: Endpoint, params: Record<string, number>, body: unknown, changes?: Changes): Promise<void> {
    // DigiCert answers 204 or an empty 200 here; a body, if any, carries nothing we use.
    await this.send({ endpoint, params, body }, changes);
  }

  /** A revoke's answer: 204 empty when revoked at once, else the revoke request. */
  async maybeRequest(spec: SendSpec, changes: Changes): Promise<RevokeResponse | undefined> {
    const res = await this.send(spec, changes);
    if (res.body.trim() === "") return undefined;
    const name = endpointName(spec.endpoint);
    return this.decode(name, res.status, parseJsonBody(name, res.status, res.body), WireRevokeResponse);
  }
}
