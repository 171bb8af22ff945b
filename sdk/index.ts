export * from "./clientCertificateOrder";
export * from "./certificateReissue";
export * from "./orderCtStatus";
export * from "./getOrderDuplicates";
export { CLIENT_PRODUCT_IDS, PAYMENT_METHODS } from "../provider/resources/inputs";
