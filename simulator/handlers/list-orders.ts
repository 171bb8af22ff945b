// GET /order/certificate: the account's orders, filtered, sorted and paged as
// CertCentral's list endpoints are (`filters[field]`, `sort`, `offset`, `limit`).
import type { ApiRequest, ApiResponse } from "../api";
import { badRequest } from "../errors";
import { refresh } from "../lifecycle";
import { inDateRange, parseDateFilter, parseListQuery, textMatches } from "../list-query";
import { orderListItemView } from "../present";
import type { OrderRecord, Store } from "../state";

const FILTERS = [
  "status",
  "search",
  "common_name",
  "email",
  "product_name_id",
  "organization_id",
  "container_id",
  "date_created",
  "valid_till",
] as const;
type Filter = (typeof FILTERS)[number];

const SORTS = ["order_id", "date_created", "common_name", "status", "product_name_id", "valid_till"] as const;

function details(store: Store, order: OrderRecord) {
  const cert = order.certificateId === undefined ? undefined : store.certificates.get(order.certificateId);
  return cert ?? order.requested;
}

function idFilter(name: Filter, raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw badRequest("invalid_value", `filters[${name}]: must be a positive integer`);
  return Number(raw);
}

function matcher(store: Store, filters: Partial<Record<Filter, string>>): (o: OrderRecord) => boolean {
  const checks: ((o: OrderRecord) => boolean)[] = [];
  const f = filters;
  if (f.status !== undefined) {
    const wanted = new Set(f.status.split(","));
    checks.push((o) => wanted.has(o.reportedStatuses?.order ?? o.status));
  }
  if (f.product_name_id !== undefined) {
    const wanted = new Set(f.product_name_id.split(","));
    checks.push((o) => wanted.has(o.productId));
  }
  if (f.common_name !== undefined) {
    const wanted = f.common_name;
    checks.push((o) => textMatches(wanted, details(store, o).commonName));
  }
  if (f.email !== undefined) {
    const wanted = f.email;
    checks.push((o) => details(store, o).emails.some((e) => textMatches(wanted, e)));
  }
  if (f.search !== undefined) {
    const wanted = f.search;
    checks.push((o) => textMatches(wanted, details(store, o).commonName) || textMatches(wanted, String(o.id)));
  }
  if (f.organization_id !== undefined) {
    const id = idFilter("organization_id", f.organization_id);
    checks.push((o) => o.organizationId === id);
  }
  if (f.container_id !== undefined) {
    const id = idFilter("container_id", f.container_id);
    checks.push((o) => o.containerId === id);
  }
  if (f.date_created !== undefined) {
    const range = parseDateFilter("date_created", f.date_created);
    checks.push((o) => inDateRange(range, Date.parse(o.dateCreated)));
  }
  if (f.valid_till !== undefined) {
    const range = parseDateFilter("valid_till", f.valid_till);
    checks.push((o) => o.validTill !== undefined && inDateRange(range, Date.parse(`${o.validTill}T00:00:00Z`)));
  }
  return (o) => checks.every((c) => c(o));
}

function sortKey(store: Store, o: OrderRecord, field: string): string | number {
  switch (field) {
    case "date_created":
      return Date.parse(o.dateCreated);
    case "common_name":
      return details(store, o).commonName.toLowerCase();
    case "status":
      return o.reportedStatuses?.order ?? o.status;
    case "product_name_id":
      return o.productId;
    case "valid_till":
      return o.validTill ?? "";
    default:
      return o.id;
  }
}

export function listOrders(req: ApiRequest): ApiResponse {
  const q = parseListQuery(req.query, FILTERS, SORTS);
  const matches = matcher(req.store, q.filters);
  const sort = q.sort ?? { field: "order_id", descending: false };
  const all = [...req.store.orders.values()]
    .map((o) => refresh(req, o))
    .filter(matches)
    .sort((a, b) => {
      const ka = sortKey(req.store, a, sort.field);
      const kb = sortKey(req.store, b, sort.field);
      const c = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
      return sort.descending ? -c : c;
    });
  const orders = all.slice(q.offset, q.offset + q.limit).map((o) => orderListItemView(req.store, o, req.now));
  const page = { total: all.length, limit: q.limit, offset: q.offset };
  // As recorded from www.digicert.com (2023-10-13): an empty page has no `orders` key.
  return { status: 200, json: orders.length === 0 ? { page } : { orders, page } };
}
