export * from './organization';
export * from './domain';
export * from './mail-entity';
export * from './user';
export * from './group';
export * from './mailbox-permission';
export * from './resource';
export * from './availability-configuration';
