-- One database per bounded context (plus the socket.io events database); each service migrates its own.
CREATE DATABASE sagashop_customer;
CREATE DATABASE sagashop_inventory;
CREATE DATABASE sagashop_order;
CREATE DATABASE sagashop_payment;
CREATE DATABASE sagashop_notification;
CREATE DATABASE sagashop_events;
CREATE DATABASE temporal;
CREATE DATABASE temporal_visibility;
