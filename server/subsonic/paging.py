"""Any offset over functions that read pages: Subsonic pages by offset, Tapcast by page."""


def window(fetch, offset, limit):
    """(items offset..offset+limit, total) from fetch(page, per_page) -> (items, total).

    Two pages of `limit` cover any offset, so the cost does not depend on its alignment.
    """
    if limit == 0:
        return [], fetch(1, 1)[1]
    page, skip = divmod(offset, limit)
    items, total = fetch(page + 1, limit)
    if skip and len(items) == limit:
        items = items + fetch(page + 2, limit)[0]
    return items[skip:skip + limit], total
