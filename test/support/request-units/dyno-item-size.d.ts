declare module 'dyno-item-size' {
  /** An item's size in bytes as DynamoDB counts it (attribute names and values, UTF-8). */
  function itemSize(item: Record<string, unknown>): number;
  export default itemSize;
}
