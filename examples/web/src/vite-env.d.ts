/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The GraphQL endpoint the page calls when its URL has no `?api=`. */
  readonly VITE_GRAPHQL_URL?: string;
}
