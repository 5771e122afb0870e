import { defineNotificationsSuite } from './notifications.suite';

defineNotificationsSuite('redis');
