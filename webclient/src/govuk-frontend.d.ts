// Types for the parts of govuk-frontend's JavaScript the webclient uses (the package ships none).
declare module 'govuk-frontend' {
  export interface InitConfig {
    scope?: Element | Document | null
    onError?: (error: unknown, context: unknown) => void
  }
  export function initAll(config?: InitConfig): void
}
