/** Where a value sits: its object's member names and its array's indexes, from the top. */
type Path = (string | number)[];
type Container = { path: Path; keys: Set<string>; key?: string; expectKey: boolean } | { path: Path; index: number };

/**
 * The duplicate member names of every object in JSON text, each as the path to it, in document
 * order: `{"a":1,"a":2}` is refused, not read as `{"a":2}` as JSON.parse reads it. Meant for text
 * JSON.parse has accepted, so it only follows where strings, objects and arrays begin and end (a
 * name is compared as decoded: `"a"` and `"\u0061"` are the same).
 */
export function duplicateKeys(text: string): Path[] {
  const found: Path[] = [];
  const open: Container[] = [];
  const within = (): Path => {
    const top = open.at(-1);
    if (!top) return [];
    return 'index' in top ? [...top.path, top.index] : [...top.path, top.key!];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = open.at(-1);
      if (top && 'keys' in top && top.expectKey) {
        const name = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(name)) found.push([...top.path, name]);
        top.keys.add(name);
        top.key = name;
        top.expectKey = false;
      }
      i = end;
    } else if (c === '{') open.push({ path: within(), keys: new Set(), expectKey: true });
    else if (c === '[') open.push({ path: within(), index: 0 });
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',') {
      const top = open.at(-1)!;
      if ('index' in top) top.index++;
      else top.expectKey = true;
    }
  }
  return found;
}
