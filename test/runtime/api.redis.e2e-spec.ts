import { defineApiSuite } from './api.suite';

defineApiSuite('redis');
