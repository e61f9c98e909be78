/** A server (or network) error in a Fluent MessageBar, already in the user's language. */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n.js';

export function ErrorBar({ error, onRetry, onDismiss }: { error: Error; onRetry?: () => void; onDismiss?: () => void }) {
  const { s } = useI18n();
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{s.errorTitle}</MessageBarTitle>
        {error.message}
      </MessageBarBody>
      {(onRetry || onDismiss) && (
        <MessageBarActions>
          {onRetry && <Button onClick={onRetry}>{s.retry}</Button>}
          {onDismiss && <Button onClick={onDismiss}>{s.close}</Button>}
        </MessageBarActions>
      )}
    </MessageBar>
  );
}
