import { Alert, Button, SearchInput, Spinner, Text } from "@patternfly/react-core";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { describe, Member } from "./api";
import { useRbac } from "./context";
import { useDebounced } from "./ListToolbar";

/** Users asked for at a time: Keycloak's search is paged with first/max, and "More users" asks for the next ones. */
export const USER_PAGE = 20;

export type UserSearch = {
  query: string;
  /** The users found so far (every page loaded), or undefined before a search. */
  results?: Member[];
  /** The server has more users matching than are shown. */
  more: boolean;
  searching: boolean;
  error?: string;
};

/**
 * Keycloak's user search as type-ahead: it runs once typing pauses (or at once on Enter; Enter on an
 * empty box lists every user), a page of USER_PAGE users at a time, and "More users" appends the next
 * page (first/max of GET /admin/realms/{realm}/users, asking for one more than shown to know there are
 * more). An answer that arrives after a newer search started is dropped.
 */
export function useUserSearch() {
  const { api } = useRbac();
  const [state, setState] = useState<UserSearch>({ query: "", more: false, searching: false });
  const sequence = useRef(0);
  const settled = useDebounced(state.query).trim();

  const fetchPage = useCallback(
    async (text: string, first: number, previous: Member[]) => {
      const mine = ++sequence.current;
      setState((s) => ({ ...s, searching: true, error: undefined }));
      try {
        const page = await api.searchUsers(text, first, USER_PAGE + 1);
        if (mine !== sequence.current) return;
        setState((s) => ({
          ...s,
          results: [...previous, ...page.slice(0, USER_PAGE)],
          more: page.length > USER_PAGE,
          searching: false,
        }));
      } catch (e) {
        if (mine !== sequence.current) return;
        setState((s) => ({ ...s, results: previous, more: false, searching: false, error: describe(e) }));
      }
    },
    [api],
  );

  // Type-ahead: a settled, non-empty query searches; emptied, the results go.
  const lastRun = useRef<string>();
  useEffect(() => {
    if (!settled) {
      sequence.current++;
      lastRun.current = undefined;
      setState((s) => ({ ...s, results: undefined, more: false, searching: false, error: undefined }));
      return;
    }
    if (lastRun.current === settled) return;
    lastRun.current = settled;
    void fetchPage(settled, 0, []);
  }, [settled, fetchPage]);

  return {
    ...state,
    setQuery: (query: string) => setState((s) => ({ ...s, query })),
    /** Enter: search now, the empty text included (every user). */
    searchNow: (text: string) => {
      lastRun.current = text.trim();
      void fetchPage(text.trim(), 0, []);
    },
    loadMore: () => void fetchPage(lastRun.current ?? settled, state.results?.length ?? 0, state.results ?? []),
    clear: () => {
      sequence.current++;
      lastRun.current = undefined;
      setState({ query: "", more: false, searching: false });
    },
  };
}

type BoxProps = { search: ReturnType<typeof useUserSearch>; testId: string; isDisabled?: boolean };

/** The search box of a user search, with its spinner, error and "no user matches". */
export const UserSearchBox = ({ search, testId, isDisabled }: BoxProps) => {
  const { t } = useTranslation();
  return (
    <>
      <SearchInput
        placeholder={t("rbacSearchUsers")}
        aria-label={t("rbacSearchUsers")}
        value={search.query}
        isDisabled={isDisabled}
        onChange={(_e, v) => search.setQuery(v)}
        onSearch={(_e, v) => search.searchNow(v)}
        onClear={search.clear}
        data-testid={testId}
      />
      {search.error && <Alert variant="warning" isInline title={search.error} data-testid="rbac-search-error" />}
      {search.results && search.results.length === 0 && !search.error && !search.searching && (
        <Text component="small">{t("rbacNoUsersFound")}</Text>
      )}
      {search.searching && !search.results?.length && <Spinner size="md" />}
    </>
  );
};

/** Under the results: how many are shown and, while the server has more, a button that loads the next ones. */
export const UserSearchMore = ({ search }: { search: ReturnType<typeof useUserSearch> }) => {
  const { t } = useTranslation();
  if (!search.results?.length) return null;
  return (
    <div className="rbac-search-more" data-testid="rbac-search-count" data-count={search.results.length} data-more={search.more}>
      <Text component="small">
        {search.more ? t("rbacUsersShownMore", { count: search.results.length }) : t("rbacUsersShown", { count: search.results.length })}
      </Text>
      {search.more && (
        <Button variant="link" isInline onClick={search.loadMore} isLoading={search.searching} isDisabled={search.searching} data-testid="rbac-search-more">
          {t("rbacMoreUsers", { count: USER_PAGE })}
        </Button>
      )}
    </div>
  );
};
