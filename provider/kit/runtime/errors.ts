// Every refusal of the provider itself is a DigiCertProviderError, beside the client's
// DigiCertError (DigiCert's answers, the network, the client's settings): callers and
// tests tell them apart with `instanceof`, never by message text. Messages say what
// happened, what was and was not placed, and what to do.

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
