<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Clienteling</source>
        <translation>Acerca de Clienteling</translation>
    </message>
    <message>
        <source>Clienteling {0}</source>
        <translation>Clienteling {0}</translation>
    </message>
    <message>
        <source>Technical details (for IT support)</source>
        <translation>Detalles técnicos (para soporte de IT)</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <source>Save support bundle…</source>
        <translation>Guardar paquete de soporte…</translation>
    </message>
    <message>
        <source>Checking the server, keyring and local data…</source>
        <translation>Comprobando el servidor, el llavero y los datos locales…</translation>
    </message>
    <message>
        <source>The diagnostics could not be collected: {0}</source>
        <translation>No se ha podido obtener el diagnóstico: {0}</translation>
    </message>
    <message>
        <source>The server answers ({0} ms).</source>
        <translation>El servidor responde ({0} ms).</translation>
    </message>
    <message>
        <source>No server is configured yet: enrol this tablet.</source>
        <translation>Aún no hay servidor configurado: registra esta tableta.</translation>
    </message>
    <message>
        <source>The server cannot be reached: check the network connection. Your edits are kept on this tablet and will be sent later.</source>
        <translation>No se puede contactar con el servidor: revisa la conexión de red. Tus cambios se guardan en esta tableta y se enviarán más tarde.</translation>
    </message>
    <message>
        <source>The server did not answer in time: it may be down or blocked.</source>
        <translation>El servidor no ha respondido a tiempo: puede estar caído o bloqueado.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: IT may need to configure a CA bundle.</source>
        <translation>El certificado del servidor no es de confianza: IT puede tener que configurar un paquete de CA.</translation>
    </message>
    <message>
        <source>The configured address does not answer like our server.</source>
        <translation>La dirección configurada no responde como nuestro servidor.</translation>
    </message>
    <message>
        <source>The configuration has an error; see the details.</source>
        <translation>La configuración tiene un error; consulta los detalles.</translation>
    </message>
    <message>
        <source>Device token store: {0}.</source>
        <translation>Almacén del token del dispositivo: {0}.</translation>
    </message>
    <message>
        <source>No secure keyring is available; see the details.</source>
        <translation>No hay un llavero seguro disponible; consulta los detalles.</translation>
    </message>
    <message>
        <source>Local data: {0} MB, last sync {1}, {2} edits waiting.</source>
        <translation>Datos locales: {0} MB, última sincronización {1}, {2} cambios pendientes.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>No local data yet.</source>
        <translation>Aún no hay datos locales.</translation>
    </message>
    <message>
        <source>Save support bundle</source>
        <translation>Guardar paquete de soporte</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Archivos zip (*.zip)</translation>
    </message>
    <message>
        <source>The support bundle could not be saved: {0}</source>
        <translation>No se ha podido guardar el paquete de soporte: {0}</translation>
    </message>
    <message>
        <source>Support bundle saved to {0}. It contains no customer data.</source>
        <translation>Paquete de soporte guardado en {0}. No contiene datos de clientes.</translation>
    </message>
</context>
<context>
    <name>CreateCustomerDialog</name>
    <message>
        <source>same phone</source>
        <translation>mismo teléfono</translation>
    </message>
    <message>
        <source>same e-mail</source>
        <translation>mismo e-mail</translation>
    </message>
    <message>
        <source>same phone or e-mail</source>
        <translation>mismo teléfono o e-mail</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>mismo nombre</translation>
    </message>
    <message>
        <source>similar name</source>
        <translation>nombre parecido</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last names</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>Móvil</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Open her instead</source>
        <translation>Abrir su ficha</translation>
    </message>
    <message>
        <source>{0}, {1} — open her instead?</source>
        <translation>{0}, {1}: ¿abrir su ficha en su lugar?</translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <source>In her abandoned web cart</source>
        <translation>En su carrito web abandonado</translation>
    </message>
    <message>
        <source>Often bought with {0}</source>
        <translation>Suele comprarse con {0}</translation>
    </message>
    <message>
        <source>Popular with customers</source>
        <translation>Popular entre la clientela</translation>
    </message>
    <message>
        <source>Popular with {0} customers</source>
        <translation>Popular entre clientes {0}</translation>
    </message>
    <message>
        <source>{0} here{1}</source>
        <translation>{0} aquí{1}</translation>
    </message>
    <message>
        <source>none nearby</source>
        <translation>ninguna cerca</translation>
    </message>
    <message>
        <source>{0} points to {1}</source>
        <translation>{0} puntos para {1}</translation>
    </message>
    <message>
        <source>Top tier</source>
        <translation>Nivel máximo</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>aún sin calcular</translation>
    </message>
    <message>
        <source>Points: {0} · Lifetime value: {1} · Predicted 12 months: {2}</source>
        <translation>Puntos: {0} · Valor histórico: {1} · Previsto 12 meses: {2}</translation>
    </message>
    <message>
        <source>Orders: {0} · Channels: {1} · Segment: {2}</source>
        <translation>Pedidos: {0} · Canales: {1} · Segmento: {2}</translation>
    </message>
    <message>
        <source>Prefers: {0} · Consents: {1}</source>
        <translation>Prefiere: {0} · Consentimientos: {1}</translation>
    </message>
    <message>
        <source>Sizes: {0} · {1}</source>
        <translation>Tallas: {0} · {1}</translation>
    </message>
    <message>
        <source>no preferences noted</source>
        <translation>sin preferencias anotadas</translation>
    </message>
    <message>
        <source>Card {0}</source>
        <translation>Tarjeta {0}</translation>
    </message>
    <message>
        <source>Home store: {0}</source>
        <translation>Tienda habitual: {0}</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonado</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Talla</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Stock here</source>
        <translation>Stock aquí</translation>
    </message>
    <message>
        <source>Nearest store</source>
        <translation>Tienda más cercana</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Oferta</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Válido hasta</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>← Back to search</source>
        <translation>← Volver a la búsqueda</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Carts</source>
        <translation>Carritos</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>Recomendaciones</translation>
    </message>
    <message>
        <source>Loyalty &amp; coupons</source>
        <translation>Fidelización y cupones</translation>
    </message>
    <message>
        <source>Notes &amp; tasks</source>
        <translation>Notas y tareas</translation>
    </message>
    <message>
        <source>Consents &amp; contact</source>
        <translation>Consentimientos y contacto</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>Todos los canales</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Todo</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Devoluciones</translation>
    </message>
    <message>
        <source>Messages, surveys, visits</source>
        <translation>Mensajes, encuestas, visitas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Create a call task for this cart</source>
        <translation>Crear tarea de llamada por este carrito</translation>
    </message>
    <message>
        <source>Redeem selected coupon</source>
        <translation>Canjear el cupón seleccionado</translation>
    </message>
    <message>
        <source>Redeem points</source>
        <translation>Canjear puntos</translation>
    </message>
    <message>
        <source>Coupons</source>
        <translation>Cupones</translation>
    </message>
    <message>
        <source>Points ledger</source>
        <translation>Movimientos de puntos</translation>
    </message>
    <message>
        <source>Notes and interactions</source>
        <translation>Notas e interacciones</translation>
    </message>
    <message>
        <source>Follow-up tasks</source>
        <translation>Tareas de seguimiento</translation>
    </message>
    <message>
        <source>Write a note for your colleagues…</source>
        <translation>Escribe una nota para tus compañeros…</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hay que hacer</translation>
    </message>
    <message>
        <source>Create task</source>
        <translation>Crear tarea</translation>
    </message>
    <message>
        <source>Outcome of the selected task</source>
        <translation>Resultado de la tarea seleccionada</translation>
    </message>
    <message>
        <source>Mark done</source>
        <translation>Marcar como hecha</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué ha pasado</translation>
    </message>
    <message>
        <source>Log interaction</source>
        <translation>Registrar interacción</translation>
    </message>
    <message>
        <source>Marketing consent (GDPR)</source>
        <translation>Consentimiento de marketing (RGPD)</translation>
    </message>
    <message>
        <source>Contact and preferences</source>
        <translation>Contacto y preferencias</translation>
    </message>
    <message>
        <source>{0}: may contact</source>
        <translation>{0}: se puede contactar</translation>
    </message>
    <message>
        <source>Send via {0}</source>
        <translation>Enviar por {0}</translation>
    </message>
    <message>
        <source>No preference</source>
        <translation>Sin preferencia</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal preferido</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Preferencias</translation>
    </message>
    <message>
        <source>Add phone</source>
        <translation>Añadir teléfono</translation>
    </message>
    <message>
        <source>Add e-mail</source>
        <translation>Añadir e-mail</translation>
    </message>
    <message>
        <source>Save contact details</source>
        <translation>Guardar datos de contacto</translation>
    </message>
    <message>
        <source>No abandoned carts.</source>
        <translation>No tiene carritos abandonados.</translation>
    </message>
    <message>
        <source>No recommendations for her yet: they appear after the server&apos;s next analytics run.</source>
        <translation>Aún no hay recomendaciones para este cliente: aparecerán tras el próximo cálculo de analítica del servidor.</translation>
    </message>
    <message>
        <source>She has not consented to messages by this channel.</source>
        <translation>No ha dado su consentimiento para mensajes por este canal.</translation>
    </message>
    <message>
        <source>never asked</source>
        <translation>nunca se le preguntó</translation>
    </message>
    <message>
        <source>granted</source>
        <translation>concedido</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>{0} on {1} ({2})</source>
        <translation>{0} el {1} ({2})</translation>
    </message>
    <message>
        <source>Redeemed here — pending sync</source>
        <translation>Canjeado aquí — pendiente de sincronizar</translation>
    </message>
    <message>
        <source>Used on {0}</source>
        <translation>Usado el {0}</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>The coupon redemption was refused by the server</source>
        <translation>El servidor rechazó el canje del cupón</translation>
    </message>
    <message>
        <source>The points redemption was refused by the server</source>
        <translation>El servidor rechazó el canje de puntos</translation>
    </message>
    <message>
        <source>An edit was refused by the server</source>
        <translation>El servidor rechazó un cambio</translation>
    </message>
    <message>
        <source>it had already been used on another device or channel</source>
        <translation>ya se había usado en otro dispositivo o canal</translation>
    </message>
    <message>
        <source>Nothing was charged twice; tell the customer before checkout.</source>
        <translation>No se ha aplicado dos veces; avisa al cliente antes de cobrar.</translation>
    </message>
    <message>
        <source>Coupon {0} redeemed. It is confirmed at the next sync.</source>
        <translation>Cupón {0} canjeado. Se confirma en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Redeemed in store</source>
        <translation>Canje en tienda</translation>
    </message>
    <message>
        <source>{0} points redeemed.</source>
        <translation>{0} puntos canjeados.</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>Nota añadida.</translation>
    </message>
    <message>
        <source>Task created.</source>
        <translation>Tarea creada.</translation>
    </message>
    <message>
        <source>Call about her cart: {0}</source>
        <translation>Llamar por su carrito: {0}</translation>
    </message>
    <message>
        <source>Task marked done.</source>
        <translation>Tarea marcada como hecha.</translation>
    </message>
    <message>
        <source>Interaction logged.</source>
        <translation>Interacción registrada.</translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation>Consentimiento registrado.</translation>
    </message>
    <message>
        <source>Personal message from the store</source>
        <translation>Mensaje personal de la tienda</translation>
    </message>
    <message>
        <source>Message queued for sending.</source>
        <translation>Mensaje en cola para enviar.</translation>
    </message>
    <message>
        <source>Contact details saved.</source>
        <translation>Datos de contacto guardados.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Set up this tablet</source>
        <translation>Configurar esta tableta</translation>
    </message>
    <message>
        <source>A store manager signs in once to register this tablet for the store.</source>
        <translation>Un gerente de tienda inicia sesión una vez para registrar esta tableta en la tienda.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>Store code</source>
        <translation>Código de tienda</translation>
    </message>
    <message>
        <source>Manager user</source>
        <translation>Usuario gerente</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Marketplace</source>
        <translation>Marketplace</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <source>Push</source>
        <translation>Push</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Bronze</source>
        <translation>Bronce</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>Plata</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>Oro</translation>
    </message>
    <message>
        <source>Platinum</source>
        <translation>Platino</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Click &amp; collect</source>
        <translation>Recogida en tienda</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <source>Abandoned cart</source>
        <translation>Carrito abandonado</translation>
    </message>
    <message>
        <source>Open cart</source>
        <translation>Carrito abierto</translation>
    </message>
    <message>
        <source>Cart bought</source>
        <translation>Carrito comprado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>E-mail sent</source>
        <translation>E-mail enviado</translation>
    </message>
    <message>
        <source>E-mail opened</source>
        <translation>E-mail abierto</translation>
    </message>
    <message>
        <source>E-mail clicked</source>
        <translation>Clic en e-mail</translation>
    </message>
    <message>
        <source>SMS sent</source>
        <translation>SMS enviado</translation>
    </message>
    <message>
        <source>SMS opened</source>
        <translation>SMS abierto</translation>
    </message>
    <message>
        <source>Push sent</source>
        <translation>Push enviado</translation>
    </message>
    <message>
        <source>Push opened</source>
        <translation>Push abierto</translation>
    </message>
    <message>
        <source>WhatsApp sent</source>
        <translation>WhatsApp enviado</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>Encuesta</translation>
    </message>
    <message>
        <source>Support ticket</source>
        <translation>Incidencia de atención</translation>
    </message>
    <message>
        <source>Store visit</source>
        <translation>Visita a tienda</translation>
    </message>
    <message>
        <source>Event invitation</source>
        <translation>Invitación a evento</translation>
    </message>
    <message>
        <source>Event attended</source>
        <translation>Asistió a evento</translation>
    </message>
    <message>
        <source>Product viewed</source>
        <translation>Producto visto</translation>
    </message>
    <message>
        <source>In-store chat</source>
        <translation>Conversación en tienda</translation>
    </message>
    <message>
        <source>Call about cart</source>
        <translation>Llamar por carrito</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Cumpleaños</translation>
    </message>
    <message>
        <source>VIP invitation</source>
        <translation>Invitación VIP</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Reservation</source>
        <translation>Reserva</translation>
    </message>
    <message>
        <source>Tops</source>
        <translation>Parte de arriba</translation>
    </message>
    <message>
        <source>Trousers</source>
        <translation>Pantalón</translation>
    </message>
    <message>
        <source>Shoes</source>
        <translation>Calzado</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>completado</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>devuelto</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>abandonado</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>bought</source>
        <translation>comprado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Pending sync</source>
        <translation>Pendiente de sincronizar</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The server cannot be reached and you have not signed in on this tablet before. Try again when it is online.</source>
        <translation>No se puede contactar con el servidor y no has iniciado sesión antes en esta tableta. Inténtalo cuando haya conexión.</translation>
    </message>
    <message>
        <source>Sign-in refused: {0}</source>
        <translation>Inicio de sesión rechazado: {0}</translation>
    </message>
    <message>
        <source>Preparing the demo store…</source>
        <translation>Preparando la tienda de demostración…</translation>
    </message>
    <message>
        <source>The demo could not start; see the log for details.</source>
        <translation>La demostración no ha podido arrancar; consulta el registro.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Clienteling — {0}</source>
        <translation>Clienteling — {0}</translation>
    </message>
    <message>
        <source>Clienteling</source>
        <translation>Clienteling</translation>
    </message>
    <message>
        <source>Search: name, phone, e-mail or scan the card (Ctrl+F)</source>
        <translation>Buscar: nombre, teléfono, e-mail o escanea la tarjeta (Ctrl+F)</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>Mi día</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>About and diagnostics</source>
        <translation>Acerca de y diagnóstico</translation>
    </message>
</context>
<context>
    <name>MyDayView</name>
    <message>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Atrasada</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Última compra</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonado</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>Mi día</translation>
    </message>
    <message>
        <source>My tasks: due today and overdue ({0})</source>
        <translation>Mis tareas: para hoy y atrasadas ({0})</translation>
    </message>
    <message>
        <source>Birthdays today ({0})</source>
        <translation>Cumpleaños hoy ({0})</translation>
    </message>
    <message>
        <source>VIP customers of the store ({0})</source>
        <translation>Clientes VIP de la tienda ({0})</translation>
    </message>
    <message>
        <source>Carts abandoned in the last 7 days ({0})</source>
        <translation>Carritos abandonados en los últimos 7 días ({0})</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>other store</source>
        <translation>otra tienda</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Nuevo cliente</translation>
    </message>
    <message>
        <source>Type a name, phone, e-mail or scan a loyalty card to find a customer.</source>
        <translation>Escribe un nombre, teléfono o e-mail, o escanea una tarjeta de fidelización para encontrar a un cliente.</translation>
    </message>
    <message>
        <source>No customer matches “{0}”. Check the spelling or create her.</source>
        <translation>Ningún cliente coincide con «{0}». Revisa cómo se escribe o créalo.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Store {0}: sign in to continue.</source>
        <translation>Tienda {0}: inicia sesión para continuar.</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password or PIN</source>
        <translation>Contraseña o PIN</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <source>Cannot reach the server. Your edits are kept on this tablet and will be sent when the connection is back.</source>
        <translation>No se puede contactar con el servidor. Tus cambios se guardan en esta tableta y se enviarán cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Sync problem: {0}</source>
        <translation>Problema de sincronización: {0}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Offline — working from this tablet</source>
        <translation>Sin conexión — trabajando con los datos de la tableta</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message>
        <source>Last sync: {0}</source>
        <translation>Última sincronización: {0}</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) waiting to sync</source>
        <translation>
            <numerusform>%n cambio pendiente de sincronizar</numerusform>
            <numerusform>%n cambios pendientes de sincronizar</numerusform>
        </translation>
    </message>
    <message>
        <source>All edits synced</source>
        <translation>Todos los cambios sincronizados</translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) refused by the server — OK</source>
        <translation>
            <numerusform>%n cambio rechazado por el servidor — Entendido</numerusform>
            <numerusform>%n cambios rechazados por el servidor — Entendido</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
</context>
</TS>
