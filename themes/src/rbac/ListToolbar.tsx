import { PaginatingTableToolbar } from "@keycloak/keycloak-ui-shared";
import { Button, EmptyState, EmptyStateBody, SearchInput, ToolbarItem } from "@patternfly/react-core";
import { SyncAltIcon } from "@patternfly/react-icons";
import { PropsWithChildren, ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

/** How long typing pauses before a search runs (the type-ahead's debounce). */
export const TYPE_AHEAD_MS = 250;

/** The value, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay = TYPE_AHEAD_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/** Whether any of the texts contains the search (case-insensitive); an empty search matches everything. */
export const matchesText = (search: string, ...texts: (string | undefined)[]) => {
  const needle = search.trim().toLowerCase();
  return !needle || texts.some((text) => text?.toLowerCase().includes(needle));
};

export type ListView<T> = {
  /** What is typed in the search box. */
  query: string;
  setQuery: (query: string) => void;
  /** A search filter is in force (typed, and settled after the debounce). */
  filtering: boolean;
  /** The items the filter keeps, in order, and on which page of them the view is. */
  matching: T[];
  first: number;
  max: number;
  setFirst: (first: number) => void;
  setPage: (first: number, max: number) => void;
  /** The rows to draw: one page of the matching items. */
  shown: T[];
  /**
   * Turns to the page that holds the first matching item that is the one looked for (after a move took
   * it off the visible page, say). Safe to call while rendering: it only turns when the item is elsewhere.
   */
  reveal: (which: (item: T) => boolean) => void;
};

/**
 * A list filtered and paged in the browser, for the lists whose API answers them whole (GET /roles,
 * /visual-roles, /permissions): the search is type-ahead (filtering once typing pauses), a new search
 * starts on page 1, and a page beyond the end (the list shrank) becomes the last one.
 */
export function useListView<T>(items: T[] | undefined, matches: (item: T, search: string) => boolean, perPage = 10): ListView<T> {
  const [query, setQuery] = useState("");
  const search = useDebounced(query).trim();
  const [first, setFirst] = useState(0);
  const [max, setMax] = useState(perPage);

  const matching = useMemo(() => (items ?? []).filter((item) => !search || matches(item, search)), [items, search, matches]);

  useEffect(() => setFirst(0), [search]);
  useEffect(() => {
    if (first > 0 && first >= matching.length) setFirst(Math.max(0, Math.floor((matching.length - 1) / max) * max));
  }, [first, max, matching.length]);

  return {
    query,
    setQuery,
    filtering: search.length > 0,
    matching,
    first,
    max,
    setFirst,
    setPage: (f, m) => {
      setMax(m);
      setFirst(Math.floor(f / m) * m);
    },
    shown: matching.slice(first, first + max),
    reveal: (which) => {
      const index = matching.findIndex(which);
      if (index >= 0 && (index < first || index >= first + max)) setFirst(Math.floor(index / max) * max);
    },
  };
}

type ToolbarProps<T> = {
  view: ListView<T>;
  /** The test id prefix: `{name}-search`, `{name}-refresh`, `{name}-no-match`. */
  name: string;
  placeholder: string;
  onRefresh: () => void;
  /** The list's own toolbar items (its Create button), after the search, before Refresh (as Keycloak's tables). */
  toolbarItem?: ReactNode;
  /** A short help text, on a row of its own under the toolbar. */
  help?: ReactNode;
};

/**
 * The console's list toolbar, as Keycloak's own tables have it (its PaginatingTableToolbar): a search
 * box, the list's own buttons, Refresh and pagination ("1 - 10", per page) on one row, as on Keycloak's
 * own lists, pagination again below the list. The help text goes on the row under the toolbar (the
 * library's subToolbar): in the toolbar's row it pushed the pagination onto a line of its own.
 */
export const ListToolbar = <T,>({ view, name, placeholder, onRefresh, toolbarItem, help, children }: PropsWithChildren<ToolbarProps<T>>) => {
  const { t } = useTranslation();
  return (
    <PaginatingTableToolbar
      count={view.matching.length - view.first}
      first={view.first}
      max={view.max}
      onNextClick={view.setFirst}
      onPreviousClick={view.setFirst}
      // Keycloak's pagination hands over (first, max), whatever its type says.
      onPerPageSelect={(f, m) => view.setPage(f, m)}
      inputGroupName={`${name}-search-group`}
      searchTypeComponent={
        <SearchInput
          placeholder={placeholder}
          aria-label={placeholder}
          value={view.query}
          onChange={(_e, v) => view.setQuery(v)}
          onClear={() => view.setQuery("")}
          data-testid={`${name}-search`}
        />
      }
      toolbarItem={
        <>
          {toolbarItem}
          <ToolbarItem>
            <Button variant="link" icon={<SyncAltIcon />} onClick={onRefresh} data-testid={`${name}-refresh`}>
              {t("refresh")}
            </Button>
          </ToolbarItem>
        </>
      }
      subToolbar={help && <ToolbarItem>{help}</ToolbarItem>}
    >
      {children}
      {view.filtering && view.matching.length === 0 && (
        <EmptyState variant="xs" data-testid={`${name}-no-match`}>
          <EmptyStateBody>{t("rbacNoMatch", { search: view.query.trim() })}</EmptyStateBody>
          <Button variant="link" onClick={() => view.setQuery("")}>
            {t("rbacClearSearch")}
          </Button>
        </EmptyState>
      )}
    </PaginatingTableToolbar>
  );
};
