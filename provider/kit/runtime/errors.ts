// Every refusal of the provider itself is a DigiCertProviderError, beside the client's
// DigiCertError (DigiCert's answers, the network, the client's settings): callers and
// tests tell them apart with `instanceof`, never by message text. Messages say what
// happened, what was and was not placed, and what to do.
import { DigiCertConfigError, DigiCertKeyRefusedError, DigiCertNotServicesApiError } from "../../digicert";
import { SETTINGS } from "./settings";

/**
 * DigiCert refused the key, what answers is not its API, or the client refused a setting
 * before sending anything: a setting is wrong, and the error names it first. Wrapping it in a step's message ("reading the orders
 * ... failed") would point the user at the step instead.
 */
export function isSettingsRefusal(err: unknown): err is DigiCertKeyRefusedError | DigiCertNotServicesApiError | DigiCertConfigError {
  // A DigiCertConfigError (a base URL refused before any request, no key set): nothing was
  // sent, and "run again once DigiCert answers" would be the wrong advice.
  return err instanceof DigiCertKeyRefusedError || err instanceof DigiCertNotServicesApiError || err instanceof DigiCertConfigError;
}

/** One bad field: its path as the engine prints it (`certificate.emails[0]`) and what is wrong. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

// A failure under no property names its place in its reason (a private key's).
const listed = (failures: readonly CheckFailure[]) => failures.map((f) => `  - ${f.property === "" ? "" : `${f.property}: `}${f.reason}`).join("\n");

export class DigiCertProviderError extends Error {
  override name = "DigiCertProviderError";
}

/** Inputs failed their kind's schema where `check` could not judge them (values unknown at preview). */
export class InvalidInputsError extends DigiCertProviderError {
  override name = "InvalidInputsError";

  constructor(
    readonly what: string,
    readonly failures: readonly CheckFailure[],
  ) {
    super(`${what}: invalid input:\n${listed(failures)}`);
  }
}

/** Stored state this release cannot read: of another kind, or damaged. */
export class InvalidStateError extends DigiCertProviderError {
  override name = "InvalidStateError";

  constructor(
    readonly kind: string,
    readonly failures: readonly CheckFailure[],
  ) {
    super(`${kind}: the stored state cannot be read:\n${listed(failures)}`);
  }
}

/**
 * A POST's answer was lost and looking for what it may have placed did not find exactly
 * one: none appeared, several match, or the lookup itself failed. Nothing more was placed.
 */
export class LostRequestError extends DigiCertProviderError {
  override name = "LostRequestError";

  constructor(
    readonly request: "order" | "reissue",
    readonly outcome: "none" | "several" | "failed",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `adoptOrderId` names an order that does not match the declared inputs. */
export class AdoptionMismatchError extends DigiCertProviderError {
  override name = "AdoptionMismatchError";

  constructor(
    readonly orderId: number,
    readonly mismatched: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

/** A refusal about one order, which it names, for a reason the user must act on first. */
abstract class OrderRefusedError extends DigiCertProviderError {
  constructor(
    readonly orderId: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** DigiCert refused the revoke for a reason the user must act on first (a pending reissue). */
export class RevokeRefusedError extends OrderRefusedError {
  override name = "RevokeRefusedError";
}

/** A due renewal was not placed: DigiCert's answer about the order calls for the user first. Nothing was ordered. */
export class RenewalRefusedError extends OrderRefusedError {
  override name = "RenewalRefusedError";
}

/** A serialized provider names a resource kind this release does not serve. */
export class UnknownKindError extends DigiCertProviderError {
  override name = "UnknownKindError";

  constructor(readonly kind: unknown) {
    super(`pulumi-digicert: unknown resource kind ${JSON.stringify(kind)} in the serialized provider`);
  }
}

/**
 * What DigiCert gave as a certificate does not check: its PEM does not parse as X.509,
 * or its serial number is not the one DigiCert reports for that certificate. Nothing is
 * stored from it: an output holding the wrong certificate would be handed to clients.
 */
export class CertificateCheckError extends DigiCertProviderError {
  override name = "CertificateCheckError";

  constructor(
    readonly certificateId: number,
    /** The serial DigiCert reports for the certificate. */
    readonly reportedSerial: string,
    /** The PEM's serial, or undefined when the PEM does not parse. */
    readonly pemSerial: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The journal says an earlier, interrupted run of this resource's create posted an order
 * or reissue, and DigiCert shows more than one that it may have placed: nothing more is
 * placed until the program says which one is the resource's (`adoptOrderId`).
 */
export class InterruptedCreateError extends DigiCertProviderError {
  override name = "InterruptedCreateError";

  constructor(
    readonly request: "order" | "reissue",
    readonly candidates: readonly number[],
    message: string,
  ) {
    super(message);
  }
}

/** `pulumi import` named something this kind cannot take: a malformed id, or an order or request of another kind. */
export class ImportRefusedError extends DigiCertProviderError {
  override name = "ImportRefusedError";

  constructor(
    readonly kind: string,
    readonly importId: string,
    reason: string,
  ) {
    super(`${kind}: cannot import "${importId}": ${reason}`);
  }
}

/** Before an order or reissue POST, the look-back's read of DigiCert failed: nothing was ordered or requested. */
export class OrderLookBackError extends DigiCertProviderError {
  override name = "OrderLookBackError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** What a 404 for a held order most likely means, and the explicit way to drop a resource whose order really is gone. */
export const HELD_ORDER_404_ADVICE =
  "DigiCert keeps every order readable (canceled, rejected, revoked and expired ones too), " +
  "so the settings most likely point at another account or region: " +
  `an API key of another CertCentral account (${SETTINGS.apiKey.config} or ${SETTINGS.apiKey.env}), ` +
  `or the other region's base URL (${SETTINGS.baseUrl.config} or ${SETTINGS.baseUrl.env}: US https://www.digicert.com/services/v2, ` +
  "EU https://certcentral.digicert.eu/services/v2). Nothing was changed: the stack keeps the order. " +
  "If the order really is gone, drop the resource from the stack with `pulumi state delete <urn>` (`pulumi stack --show-urns` lists them).";

/**
 * DigiCert answered 404 for an order the stack holds. DigiCert keeps every order readable
 * (canceled, rejected, revoked and expired ones too), so this says the settings point
 * elsewhere, not that the order is gone: the refresh fails and the state keeps the order.
 * Reading it as gone would let one wrong setting empty the stack's view of its paid orders.
 */
export class HeldOrderNotFoundError extends DigiCertProviderError {
  override name = "HeldOrderNotFoundError";

  constructor(
    readonly orderId: number,
    /** What holds it, e.g. `the order's CT status`; said after the order id. */
    holder: string,
    baseUrl: string,
    options?: { cause?: unknown },
  ) {
    super(`DigiCert at ${baseUrl} answers 404 for order ${orderId}, which ${holder} holds. ${HELD_ORDER_404_ADVICE}`, options);
  }
}
