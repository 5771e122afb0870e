import { defineNotificationsSuite } from './notifications.suite';

defineNotificationsSuite('postgres');
