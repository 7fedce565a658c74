// JSON kept with the objects an answer lists. The services keep answer objects (outline symbols,
// diagnostics) from one version to the next while what they describe is unchanged, and never change
// such an object once made; so its JSON, written once, can be kept with it and a whole answer is a
// join of kept strings (server/preparedJson.ts sends it as it is).

/** `items` written as a JSON array (the text JSON.stringify makes of it), each item's text kept in `kept`. */
export function keptJsonArray<T extends object>(items: readonly T[], kept: WeakMap<T, string>): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let json = kept.get(item);
    if (json === undefined) kept.set(item, (json = JSON.stringify(item)));
    out += i > 0 ? ',' + json : json;
  }
  return out + ']';
}
