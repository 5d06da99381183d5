/**
 * Collects every item of a paginated listing. Pass one of the SDK's `paginateXxx` iterators:
 * a WorkMail listing that stops at the first page misses entities, which a delete or an
 * adoption must never do.
 */
export async function listAll<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => Item[] | undefined,
): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) {
    all.push(...(items(page) ?? []));
  }
  return all;
}
