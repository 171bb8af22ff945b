// What tells one order from another among DigiCert's orders: the details a program
// declares and DigiCert's list shows. The exactly-once machinery knows an order only by
// these, never by a kind's inputs type, so it serves any kind that places orders.
export interface OrderIdentity {
  readonly productId: string;
  readonly certificate: { readonly commonName: string; readonly emails: readonly string[]; readonly csr?: string | undefined };
  readonly organizationId: number;
  readonly containerId?: number | undefined;
}
