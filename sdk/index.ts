export * from "./client-certificate-order";
export * from "./certificate-reissue";
export * from "./order-ct-status";
export * from "./get-order-duplicates";
export { CLIENT_PRODUCT_IDS, PAYMENT_METHODS } from "../provider/kit/inputs/fields";
export * from "./pkcs12-bundle";
export * from "./client-certificate";
