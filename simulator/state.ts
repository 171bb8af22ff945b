// The CertCentral account the simulator fakes: orders, their certificates and
// requests, kept in memory and mirrored to an optional state file. Settings,
// faults, the request log and API keys are deliberately not part of it, so the
// file never holds a key and a restart takes its behaviour from its options.
import * as fs from "node:fs";
import * as path from "node:path";
import { CertificateAuthority, type CaState } from "./certificate-authority";
import { certify } from "./certify";
import type { SmimeSubject } from "./smime-body";
import type { ReportedStatuses } from "./types";

export type OrderStatus =
  | "needs_approval"
  | "pending"
  | "processing"
  | "waiting_pickup"
  | "issued"
  | "reissue_pending"
  | "rejected"
  | "revoked"
  | "canceled"
  | "expired";

export const ORDER_STATUSES: readonly OrderStatus[] = [
  "needs_approval",
  "pending",
  "processing",
  "waiting_pickup",
  "issued",
  "reissue_pending",
  "rejected",
  "revoked",
  "canceled",
  "expired",
];

export type RequestType = "new_request" | "reissue" | "revoke";
export type RequestStatus = "pending" | "submitted" | "approved" | "rejected";
export type CertificateStatus = "pending" | "issued" | "revoked" | "rejected" | "canceled";

export interface CertificateDetails {
  commonName: string;
  emails: string[];
  dnsNames: string[];
  organizationUnits: string[];
  csr?: string;
  signatureHash: string;
  serverPlatformId: number;
}

export interface CertificateRecord extends CertificateDetails {
  id: number;
  orderId: number;
  kind: "original" | "reissue" | "duplicate";
  status: CertificateStatus;
  dateCreated: string;
  /** Epoch ms at which a pending certificate counts as issued (issueDelayMs after approval). */
  issueAt: number;
  serialNumber: string;
  /** SHA-1 of the signed certificate; "" until it is issued. */
  thumbprint: string;
  /** The signed certificate (DER, base64), from issuance on. */
  der?: string;
  /** Bits of the certified key, as order info's `key_size`. */
  keySize?: number;
  dateIssued?: string;
  validFrom?: string;
  validTill?: string;
  dateRevoked?: string;
}

export interface RequestRecord {
  id: number;
  orderId: number;
  type: RequestType;
  status: RequestStatus;
  date: string;
  comments?: string;
  processorComment?: string;
  /** revoke: the certificate to revoke. */
  certificateId?: number;
  /** reissue: what the new certificate will carry once approved. */
  reissue?: CertificateDetails;
  /** reissue: status to return to when the reissue is rejected or canceled. */
  statusBefore?: OrderStatus;
}

/** An email address of an S/MIME order and whether its recipient proved control of it. */
export interface EmailValidation {
  email: string;
  status: "validated" | "unvalidated";
  /** yyyy-MM-dd: when DigiCert sent the validation email. */
  dateEmailed: string;
}

export interface OrderRecord {
  id: number;
  productId: string;
  status: OrderStatus;
  dateCreated: string;
  organizationId: number;
  containerId?: number;
  paymentMethod: string;
  disableCt: boolean;
  autoRenew: number;
  renewalOfOrderId?: number;
  isRenewed: boolean;
  customFields: { metadataId: number; value: string }[];
  validity: { years?: number; customExpirationDate?: string };
  /** What the order asked for; the first certificate is cut from this on approval. */
  requested: CertificateDetails;
  /** Fixed by the first issuance: reissues keep the order's end date. */
  validTill?: string;
  certificateId?: number;
  certificateIds: number[];
  duplicateIds: number[];
  requestIds: number[];
  /** What this order answers in place of its real statuses (reported-statuses.ts). */
  reportedStatuses?: ReportedStatuses;
  /** S/MIME orders: the subject fields the order was placed with. Absent in state files of earlier simulators. */
  subject?: SmimeSubject;
  /** S/MIME orders: each email's validation; the first certificate issues only once all are validated. */
  emailValidations?: EmailValidation[];
}

export interface Counters {
  order: number;
  request: number;
  certificate: number;
  organization: number;
}

export interface StateSnapshot {
  version: 1;
  counters: Counters;
  orders: OrderRecord[];
  certificates: CertificateRecord[];
  requests: RequestRecord[];
  /** Absent in files written before the simulator signed real certificates. */
  ca?: CaState;
}

// Distinct ranges so that an order id passed where a certificate id belongs finds nothing.
function initialCounters(): Counters {
  return { order: 10_000_000, request: 20_000_000, certificate: 30_000_000, organization: 40_000_000 };
}

export class Store {
  orders = new Map<number, OrderRecord>();
  certificates = new Map<number, CertificateRecord>();
  requests = new Map<number, RequestRecord>();
  /** Made at start, kept in the state file and across resets: a restarted simulator signs with the same CA. */
  readonly ca: CertificateAuthority;
  private counters: Counters = initialCounters();
  private dirty = false;

  constructor(private readonly file?: string) {
    const saved = file && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as StateSnapshot) : undefined;
    this.ca = saved?.ca ? CertificateAuthority.restore(saved.ca) : CertificateAuthority.create();
    this.dirty = saved?.ca === undefined;
    if (saved) this.restore(saved);
  }

  nextId(kind: keyof Counters): number {
    this.counters[kind] += 1;
    this.dirty = true;
    return this.counters[kind];
  }

  touch(): void {
    this.dirty = true;
  }

  // Counters survive a reset so an id from before the reset can never name a new object.
  clear(): void {
    this.orders.clear();
    this.certificates.clear();
    this.requests.clear();
    this.dirty = true;
  }

  snapshot(): StateSnapshot {
    return {
      version: 1,
      counters: { ...this.counters },
      orders: [...this.orders.values()],
      certificates: [...this.certificates.values()],
      requests: [...this.requests.values()],
      ca: this.ca.state(),
    };
  }

  /** Writes the state file when something changed; synchronous so a response (or a reset) only follows a durable write. */
  flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.snapshot(), null, 1));
    fs.renameSync(tmp, this.file);
  }

  private restore(s: StateSnapshot): void {
    if (s.version !== 1) throw new Error(`state file ${this.file}: unsupported version ${String(s.version)}`);
    this.counters = { ...initialCounters(), ...s.counters };
    for (const o of s.orders) this.orders.set(o.id, o);
    for (const c of s.certificates) {
      this.certificates.set(c.id, c);
      // Issued before the simulator signed real certificates: sign them now, for downloads.
      // What was reported then (serial, dates, thumbprint, key size) is reported still, so
      // that stacks which stored it find no drift; only such a thumbprint is not the DER's.
      if (c.der === undefined && c.validFrom !== undefined && c.validTill !== undefined) {
        const reported = c.thumbprint;
        certify(this.ca, c, new Date(`${c.validFrom}T00:00:00Z`));
        c.thumbprint = reported;
        delete c.keySize;
        this.dirty = true;
      }
    }
    for (const r of s.requests) this.requests.set(r.id, r);
  }
}
