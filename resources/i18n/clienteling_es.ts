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
        <source>The server address uses plain http://, which would send passwords and customer data unencrypted: the app refuses it. Use its https:// address.</source>
        <translation>La dirección del servidor usa http:// sin cifrar, que enviaría las contraseñas y los datos de las clientas sin protección: la aplicación la rechaza. Usa su dirección https://.</translation>
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
    <name>AssignDialog</name>
    <message>
        <source>Introduce yourself as her personal assistant</source>
        <translation>Preséntate como su asesora personal</translation>
    </message>
    <message>
        <source>Assign to an assistant</source>
        <translation>Asignar a una asesora</translation>
    </message>
    <message>
        <source>{0} customers will get this assistant, and she will find a follow-up task for each on her “My day”.</source>
        <translation>{0} clientes tendrán esta asesora, y ella encontrará una tarea de seguimiento por cada una en «Mi día».</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asesora</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Due in (days)</source>
        <translation>Vence en (días)</translation>
    </message>
    <message>
        <source>This store has no assistant to assign to.</source>
        <translation>Esta tienda no tiene asesoras a las que asignar.</translation>
    </message>
    <message>
        <source>Select at least one customer.</source>
        <translation>Selecciona al menos una clienta.</translation>
    </message>
    <message>
        <source>Assigning…</source>
        <translation>Asignando…</translation>
    </message>
    <message>
        <source> {0} were assigned before the error.</source>
        <translation> {0} se asignaron antes del error.</translation>
    </message>
    <message>
        <source>Not assigned: {0}</source>
        <translation>No se asignó: {0}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Opened her record (online look-up)</source>
        <translation>Abrió su ficha (consulta en línea)</translation>
    </message>
    <message>
        <source>Opened her record on a tablet</source>
        <translation>Abrió su ficha en una tableta</translation>
    </message>
    <message>
        <source>Searched customers on the server</source>
        <translation>Buscó clientes en el servidor</translation>
    </message>
    <message>
        <source>Looked up a customer of another store</source>
        <translation>Consultó una clienta de otra tienda</translation>
    </message>
    <message>
        <source>Looked up a card, e-mail or phone: not found</source>
        <translation>Consultó una tarjeta, e-mail o teléfono: no encontrada</translation>
    </message>
    <message>
        <source>Look-up refused: hourly limit reached</source>
        <translation>Consulta rechazada: límite por hora alcanzado</translation>
    </message>
    <message>
        <source>Exported a customer list</source>
        <translation>Exportó una lista de clientes</translation>
    </message>
    <message>
        <source>Exported her data (GDPR)</source>
        <translation>Exportó sus datos (RGPD)</translation>
    </message>
    <message>
        <source>Erased a customer (GDPR)</source>
        <translation>Borró a una clienta (RGPD)</translation>
    </message>
    <message>
        <source>Erased for inactivity (retention)</source>
        <translation>Borrada por inactividad (conservación)</translation>
    </message>
    <message>
        <source>Assigned to an assistant</source>
        <translation>Asignada a una dependienta</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Inició sesión</translation>
    </message>
    <message>
        <source>Enrolled a tablet</source>
        <translation>Dio de alta una tableta</translation>
    </message>
    <message>
        <source>Revoked a tablet</source>
        <translation>Revocó una tableta</translation>
    </message>
    <message>
        <source>Created a staff account</source>
        <translation>Creó una cuenta de personal</translation>
    </message>
    <message>
        <source>Deactivated a staff account</source>
        <translation>Desactivó una cuenta de personal</translation>
    </message>
    <message>
        <source>Created a campaign</source>
        <translation>Creó una campaña</translation>
    </message>
    <message>
        <source>Sent a campaign</source>
        <translation>Envió una campaña</translation>
    </message>
    <message>
        <source>Coupon redeemed online</source>
        <translation>Cupón canjeado en línea</translation>
    </message>
    <message>
        <source>Merged two records</source>
        <translation>Fusionó dos fichas</translation>
    </message>
    <message>
        <source>Split a merged record</source>
        <translation>Separó una ficha fusionada</translation>
    </message>
    <message>
        <source>Unsubscribed by link</source>
        <translation>Se dio de baja con el enlace</translation>
    </message>
    <message>
        <source>Created a customer</source>
        <translation>Creó una clienta</translation>
    </message>
    <message>
        <source>Changed contact details</source>
        <translation>Cambió los datos de contacto</translation>
    </message>
    <message>
        <source>Wrote a note</source>
        <translation>Escribió una nota</translation>
    </message>
    <message>
        <source>Created or updated a task</source>
        <translation>Creó o actualizó una tarea</translation>
    </message>
    <message>
        <source>Recorded a consent</source>
        <translation>Registró un consentimiento</translation>
    </message>
    <message>
        <source>Logged an interaction</source>
        <translation>Registró una interacción</translation>
    </message>
    <message>
        <source>Redeemed a coupon in store</source>
        <translation>Canjeó un cupón en tienda</translation>
    </message>
    <message>
        <source>Redeemed points in store</source>
        <translation>Canjeó puntos en tienda</translation>
    </message>
    <message>
        <source>{0} (tablet)</source>
        <translation>{0} (tableta)</translation>
    </message>
    <message>
        <source>a tablet</source>
        <translation>una tableta</translation>
    </message>
    <message>
        <source>not on this tablet ({0})</source>
        <translation>no está en esta tableta ({0})</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
    <message>
        <source>Audit log: who saw or changed customer data</source>
        <translation>Registro de auditoría: quién vio o cambió datos de clientes</translation>
    </message>
    <message>
        <source>Filter by customer (name or id)</source>
        <translation>Filtrar por cliente (nombre o id)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>Todas las acciones</translation>
    </message>
    <message>
        <source>Every read of a customer&apos;s record</source>
        <translation>Todas las consultas de fichas de clientes</translation>
    </message>
    <message>
        <source>{0} of {1} customers exported · {2} · {3}</source>
        <translation>{0} de {1} clientes exportados · {2} · {3}</translation>
    </message>
    <message>
        <source>to {0}</source>
        <translation>a {0}</translation>
    </message>
    <message>
        <source>{0} results</source>
        <translation>{0} resultados</translation>
    </message>
    <message>
        <source>Only a store manager can see the audit log.</source>
        <translation>Solo el gerente de la tienda puede ver el registro de auditoría.</translation>
    </message>
    <message>
        <source>Retention: {0} customers of this store have had no activity for {1} days (since {2}); the scheduled retention job erases them.</source>
        <translation>Conservación: {0} clientas de esta tienda no tienen actividad desde hace {1} días (desde el {2}); el proceso programado de conservación las borra.</translation>
    </message>
    <message>
        <source>This tablet could not read its own data: {0}</source>
        <translation>Esta tableta no ha podido leer sus propios datos: {0}</translation>
    </message>
    <message>
        <source>Loading the audit log from the server…</source>
        <translation>Cargando el registro de auditoría del servidor…</translation>
    </message>
    <message>
        <source>No entries loaded yet.</source>
        <translation>Aún no se ha cargado ninguna entrada.</translation>
    </message>
    <message>
        <source>{0} of the latest {1} entries shown.</source>
        <translation>Se muestran {0} de las últimas {1} entradas.</translation>
    </message>
    <message>
        <source>This customer is not on this tablet: she was erased or is not one of the store&apos;s customers.</source>
        <translation>Esta clienta no está en esta tableta: se borró o no es clienta de la tienda.</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <source>New private sale</source>
        <translation>Nueva venta privada</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Fecha y hora</translation>
    </message>
    <message>
        <source>Who is invited</source>
        <translation>A quién se invita</translation>
    </message>
    <message>
        <source>VIP customers only</source>
        <translation>Solo clientas VIP</translation>
    </message>
    <message>
        <source>Tiers (none ticked: any)</source>
        <translation>Niveles (sin marcar: cualquiera)</translation>
    </message>
    <message>
        <source>RFM segments (none ticked: any)</source>
        <translation>Segmentos RFM (sin marcar: cualquiera)</translation>
    </message>
    <message>
        <source>Minimum lifetime value</source>
        <translation>Valor acumulado mínimo</translation>
    </message>
    <message>
        <source>Bought in the last (days)</source>
        <translation>Compró en los últimos (días)</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Cualquiera</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Cuando sea</translation>
    </message>
    <message>
        <source>Cannot count this segment now: {0}</source>
        <translation>Ahora no se puede contar este segmento: {0}</translation>
    </message>
    <message>
        <source>Counting customers…</source>
        <translation>Contando clientas…</translation>
    </message>
    <message>
        <source>{0} customers in this segment; {1} can be reached (consented channels: {2}).</source>
        <translation>{0} clientas en este segmento; se puede contactar con {1} (canales con consentimiento: {2}).</translation>
    </message>
    <message>
        <source>The description is too long ({0} characters, at most {1}).</source>
        <translation>La descripción es demasiado larga ({0} caracteres, como máximo {1}).</translation>
    </message>
    <message>
        <source>The campaign was not created: {0}</source>
        <translation>La campaña no se ha creado: {0}</translation>
    </message>
</context>
<context>
    <name>CampaignLabels</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviada</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invitada</translation>
    </message>
    <message>
        <source>Not invited</source>
        <translation>No invitada</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>Sin respuesta</translation>
    </message>
    <message>
        <source>Coming</source>
        <translation>Viene</translation>
    </message>
    <message>
        <source>Not coming</source>
        <translation>No viene</translation>
    </message>
    <message>
        <source>no marketing consent on any channel</source>
        <translation>sin consentimiento de marketing en ningún canal</translation>
    </message>
    <message>
        <source>no address for any consented channel</source>
        <translation>sin dirección en ningún canal con consentimiento</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>CampaignTableModel</name>
    <message>
        <source>Campaign</source>
        <translation>Campaña</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invitadas</translation>
    </message>
    <message>
        <source>RSVP yes</source>
        <translation>Vienen</translation>
    </message>
    <message>
        <source>RSVP no</source>
        <translation>No vienen</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Asistieron</translation>
    </message>
    <message>
        <source>Event orders</source>
        <translation>Pedidos en el evento</translation>
    </message>
    <message>
        <source>Event sales</source>
        <translation>Ventas en el evento</translation>
    </message>
</context>
<context>
    <name>CampaignsView</name>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>New private sale</source>
        <translation>Nueva venta privada</translation>
    </message>
    <message>
        <source>Send invitations</source>
        <translation>Enviar invitaciones</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Abandoned carts (last {0} days): create call tasks</source>
        <translation>Carritos abandonados (últimos {0} días): crear tareas de llamada</translation>
    </message>
    <message>
        <source>She is coming</source>
        <translation>Viene</translation>
    </message>
    <message>
        <source>She is not coming</source>
        <translation>No viene</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Invitations ({0})</source>
        <translation>Invitaciones ({0})</translation>
    </message>
    <message>
        <source>Messages ({0})</source>
        <translation>Mensajes ({0})</translation>
    </message>
    <message>
        <source>No campaigns yet. Start with “New private sale”: choose who is invited and see how many of them can be reached.</source>
        <translation>Aún no hay campañas. Empieza con «Nueva venta privada»: elige a quién invitar y mira a cuántas se puede contactar.</translation>
    </message>
    <message>
        <source>You signed in while the server was unreachable: sign out and sign in again while online to work with campaigns.</source>
        <translation>Iniciaste sesión sin conexión con el servidor: cierra sesión y vuelve a entrar con conexión para trabajar con campañas.</translation>
    </message>
    <message>
        <source>The server cannot be reached: campaigns need a connection. Nothing was changed; try again when the tablet is back online.</source>
        <translation>No se puede contactar con el servidor: las campañas necesitan conexión. No se ha cambiado nada; inténtalo de nuevo cuando la tableta vuelva a tener conexión.</translation>
    </message>
    <message>
        <source>Only store managers can manage campaigns.</source>
        <translation>Solo las gerentes de tienda pueden gestionar campañas.</translation>
    </message>
    <message>
        <source>The campaigns could not be loaded.</source>
        <translation>No se han podido cargar las campañas.</translation>
    </message>
    <message>
        <source>Choose a campaign to see its results.</source>
        <translation>Elige una campaña para ver sus resultados.</translation>
    </message>
    <message>
        <source>Not sent yet. {0} customers are in the segment today; the invitation list is made when you send the invitations.</source>
        <translation>Aún no enviada. Hoy hay {0} clientas en el segmento; la lista de invitadas se crea al enviar las invitaciones.</translation>
    </message>
    <message>
        <source>Invited: {0}
Not invited (no consent or no address): {1}
Coming: {2} · not coming: {3}
Attended: {4}
Sales at the event: {5} orders, {6}, from {7} customers</source>
        <translation>Invitadas: {0}
No invitadas (sin consentimiento o sin dirección): {1}
Vienen: {2} · no vienen: {3}
Asistieron: {4}
Ventas en el evento: {5} pedidos, {6}, de {7} clientas</translation>
    </message>
    <message>
        <source>The invitation list is made when the invitations are sent.</source>
        <translation>La lista de invitadas se crea al enviar las invitaciones.</translation>
    </message>
    <message>
        <source>The campaign&apos;s details could not be loaded.</source>
        <translation>No se han podido cargar los detalles de la campaña.</translation>
    </message>
    <message>
        <source>The answer was not recorded.</source>
        <translation>La respuesta no se ha guardado.</translation>
    </message>
    <message>
        <source>Saved for {0}.</source>
        <translation>Guardado para {0}.</translation>
    </message>
    <message>
        <source>“{0}” was saved as a draft. Check it, then send the invitations.</source>
        <translation>«{0}» se ha guardado como borrador. Revísala y después envía las invitaciones.</translation>
    </message>
    <message>
        <source>The invitations were not sent.</source>
        <translation>Las invitaciones no se han enviado.</translation>
    </message>
    <message>
        <source>Invitations for “{0}” sent: {1} customers invited ({2}); {3} not invited because they have no marketing consent or no address for it.</source>
        <translation>Invitaciones de «{0}» enviadas: {1} clientas invitadas ({2}); {3} sin invitar porque no tienen consentimiento de marketing o no hay dirección para ese canal.</translation>
    </message>
    <message>
        <source>No call tasks were created.</source>
        <translation>No se ha creado ninguna tarea de llamada.</translation>
    </message>
    <message>
        <source>{0} call tasks created for carts abandoned in the last {1} days ({2} already had one). They reach the assistants&apos; “My day” with the next sync.</source>
        <translation>{0} tareas de llamada creadas para carritos abandonados en los últimos {1} días ({2} ya tenían una). Llegarán a «Mi día» de las dependientas con la próxima sincronización.</translation>
    </message>
    <message>
        <source>Did not come</source>
        <translation>No vino</translation>
    </message>
    <message>
        <source>She came</source>
        <translation>Vino</translation>
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
    <name>CustomerListModel</name>
    <message>
        <source>At risk</source>
        <translation>En riesgo</translation>
    </message>
    <message>
        <source>{0} % active</source>
        <translation>{0} % activa</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Lifetime value</source>
        <translation>Valor histórico</translation>
    </message>
    <message>
        <source>Predicted 12 months</source>
        <translation>Previsto 12 meses</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Última compra</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>Riesgo de abandono</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmento</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>Asesora</translation>
    </message>
</context>
<context>
    <name>CustomerListView</name>
    <message>
        <source>All customers of the store</source>
        <translation>Todas las clientas de la tienda</translation>
    </message>
    <message>
        <source>VIP customers</source>
        <translation>Clientas VIP</translation>
    </message>
    <message>
        <source>VIPs at risk of leaving</source>
        <translation>VIP en riesgo de abandono</translation>
    </message>
    <message>
        <source>Birthdays this month</source>
        <translation>Cumpleaños este mes</translation>
    </message>
    <message>
        <source>Carts abandoned in the last 7 days</source>
        <translation>Carritos abandonados en los últimos 7 días</translation>
    </message>
    <message>
        <source>VIPs without an assistant</source>
        <translation>VIP sin asesora</translation>
    </message>
    <message>
        <source>RFM: {0} ({1})</source>
        <translation>RFM: {0} ({1})</translation>
    </message>
    <message>
        <source>New data arrived with the last sync; the list refreshes when you clear the selection.</source>
        <translation>Han llegado datos nuevos con la última sincronización; la lista se actualiza cuando quites la selección.</translation>
    </message>
    <message>
        <source>{0} customers in this list</source>
        <translation>{0} clientas en esta lista</translation>
    </message>
    <message>
        <source>This list is empty: nobody to assign.</source>
        <translation>La lista está vacía: no hay a quién asignar.</translation>
    </message>
    <message>
        <source>{0} customers assigned, {1} follow-up tasks created. They reach the assistant&apos;s tablet with its next sync.</source>
        <translation>{0} clientas asignadas, {1} tareas de seguimiento creadas. Llegan a la tableta de la asesora en su próxima sincronización.</translation>
    </message>
    <message>
        <source>This list is empty: nothing to export.</source>
        <translation>La lista está vacía: nada que exportar.</translation>
    </message>
    <message>
        <source>Conditions…</source>
        <translation>Condiciones…</translation>
    </message>
    <message>
        <source>Refine the list by profile, engagement with campaigns and purchases</source>
        <translation>Afina la lista por perfil, interacción con campañas y compras</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <source>Assign to an assistant…</source>
        <translation>Asignar a una asesora…</translation>
    </message>
    <message>
        <source>The selected customers, or the whole list when none is selected</source>
        <translation>Las clientas seleccionadas, o toda la lista si no hay ninguna seleccionada</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Only customers who consented to the chosen channel and purpose</source>
        <translation>Solo las clientas que consintieron el canal y la finalidad elegidos</translation>
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
        <source>Data protection</source>
        <translation>Protección de datos</translation>
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
        <source>a colleague</source>
        <translation>una compañera</translation>
    </message>
    <message>
        <source>{who} changed “{field}” after you ({when}); their version was kept: “{theirs}”. Yours was: “{mine}” — copy it from here if it still matters.</source>
        <translation>{who} cambió «{field}» después que tú ({when}); se ha quedado su versión: «{theirs}». La tuya era: «{mine}» — cópiala desde aquí si todavía hace falta.</translation>
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
    <name>EraseDialog</name>
    <message>
        <source>Erase customer</source>
        <translation>Borrar clienta</translation>
    </message>
    <message>
        <source>Erasing {0} deletes everything held about her — profile, purchases, returns, loyalty points and coupons, consents, notes and tasks — on the server and, at their next sync, on every tablet. It cannot be undone. If she also asked for a copy of her data, export it first.</source>
        <translation>Borrar a {0} elimina todo lo que tenemos de ella —ficha, compras, devoluciones, puntos y cupones, consentimientos, notas y tareas— en el servidor y, en su próxima sincronización, en todas las tabletas. No se puede deshacer. Si también pidió una copia de sus datos, expórtala antes.</translation>
    </message>
    <message>
        <source>To confirm, type her name ({0}) or the word “{1}”:</source>
        <translation>Para confirmar, escribe su nombre ({0}) o la palabra «{1}»:</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>Borrar definitivamente</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>ERASE</source>
        <translation>BORRAR</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Borrando…</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This customer is not on this tablet.</source>
        <translation>Esta clienta no está en esta tableta.</translation>
    </message>
    <message>
        <source>This coupon does not belong to this customer.</source>
        <translation>Este cupón no es de esta clienta.</translation>
    </message>
    <message>
        <source>This coupon has already been used.</source>
        <translation>Este cupón ya se ha usado.</translation>
    </message>
    <message>
        <source>This coupon has expired.</source>
        <translation>Este cupón ha caducado.</translation>
    </message>
    <message>
        <source>This customer has no loyalty account.</source>
        <translation>Esta clienta no tiene cuenta de fidelización.</translation>
    </message>
    <message>
        <source>Not enough points: the balance is {0}.</source>
        <translation>No hay puntos suficientes: el saldo es {0}.</translation>
    </message>
    <message>
        <source>Not saved: too many characters in “{0}” (at most {1}).</source>
        <translation>No se ha guardado: demasiados caracteres en «{0}» (como máximo {1}).</translation>
    </message>
    <message>
        <source>Not saved: the value of “{0}” is not valid.</source>
        <translation>No se ha guardado: el valor de «{0}» no es válido.</translation>
    </message>
    <message>
        <source>Something went wrong and this was not saved. Try again; if it happens again, tell IT support and show them the details.</source>
        <translation>Algo ha fallado y no se ha guardado. Vuelve a intentarlo; si pasa otra vez, avisa a soporte de IT y enséñales los detalles.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the list</source>
        <translation>Exportar la lista</translation>
    </message>
    <message>
        <source>{0} customers in this list. Only those who consented to being contacted by the channel for the purpose you choose are exported; the export is recorded in the audit log.</source>
        <translation>{0} clientes en esta lista. Solo se exportan quienes han dado su consentimiento para ser contactados por el canal y con la finalidad que elijas; la exportación queda registrada en el registro de auditoría.</translation>
    </message>
    <message>
        <source>CSV (text)</source>
        <translation>CSV (texto)</translation>
    </message>
    <message>
        <source>Excel workbook (XLSX)</source>
        <translation>Libro de Excel (XLSX)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalidad</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Save the export as</source>
        <translation>Guardar la exportación como</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Only a store manager can export customer lists.</source>
        <translation>Solo el gerente de la tienda puede exportar listas de clientes.</translation>
    </message>
    <message>
        <source>The list is empty: there is nobody to export.</source>
        <translation>La lista está vacía: no hay nadie que exportar.</translation>
    </message>
    <message>
        <source>A list can have at most {0} customers; narrow it down first.</source>
        <translation>Una lista puede tener como máximo {0} clientes; acótala primero.</translation>
    </message>
    <message>
        <source>Choose the file to save the export to.</source>
        <translation>Elige el archivo donde guardar la exportación.</translation>
    </message>
    <message>
        <source>The folder {0} does not exist.</source>
        <translation>La carpeta {0} no existe.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exportando…</translation>
    </message>
    <message>
        <source>The session has ended: sign in again.</source>
        <translation>La sesión ha terminado: vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>The server exported the list, but the file could not be written: {0}</source>
        <translation>El servidor ha exportado la lista, pero no se ha podido escribir el archivo: {0}</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0} por {1}</translation>
    </message>
    <message>
        <source>Exported all {0} customers: all of them consented to {1}.</source>
        <translation>Exportados los {0} clientes: todos han dado su consentimiento para {1}.</translation>
    </message>
    <message>
        <source>Exported {0} of {1} customers; the others have not consented to {2}.</source>
        <translation>Exportados {0} de {1} clientes; los demás no han dado su consentimiento para {2}.</translation>
    </message>
    <message>
        <source>Saved to {0}</source>
        <translation>Guardado en {0}</translation>
    </message>
</context>
<context>
    <name>FailureDetails</name>
    <message>
        <source>Hide details</source>
        <translation>Ocultar detalles</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>GdprPanel</name>
    <message>
        <source>in store</source>
        <translation>en tienda</translation>
    </message>
    <message>
        <source>web shop</source>
        <translation>tienda online</translation>
    </message>
    <message>
        <source>app</source>
        <translation>app</translation>
    </message>
    <message>
        <source>unsubscribe link</source>
        <translation>enlace de baja</translation>
    </message>
    <message>
        <source>initial import</source>
        <translation>importación inicial</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Finalidad</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decisión</translation>
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
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Data protection (GDPR)</source>
        <translation>Protección de datos (RGPD)</translation>
    </message>
    <message>
        <source>Only managers see this. Her data export and her erasure are done on the server and recorded in the audit log.</source>
        <translation>Solo lo ven los gerentes. La exportación de sus datos y su borrado se hacen en el servidor y quedan en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Export data (JSON)…</source>
        <translation>Exportar datos (JSON)…</translation>
    </message>
    <message>
        <source>Erase customer…</source>
        <translation>Borrar clienta…</translation>
    </message>
    <message>
        <source>Consent history</source>
        <translation>Historial de consentimientos</translation>
    </message>
    <message>
        <source>No consent was ever recorded for her.</source>
        <translation>Nunca se ha registrado ningún consentimiento suyo.</translation>
    </message>
    <message>
        <source>Save her data as</source>
        <translation>Guardar sus datos como</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Archivos JSON (*.json)</translation>
    </message>
    <message>
        <source>Asking the server for her data…</source>
        <translation>Pidiendo sus datos al servidor…</translation>
    </message>
    <message>
        <source>The session has ended: sign in again.</source>
        <translation>La sesión ha terminado: vuelve a iniciar sesión.</translation>
    </message>
    <message>
        <source>The file could not be written: {0}</source>
        <translation>No se ha podido escribir el archivo: {0}</translation>
    </message>
    <message>
        <source>Her data ({0} records) was saved to {1}. Give her this file.</source>
        <translation>Sus datos ({0} registros) se han guardado en {1}. Entrégale este archivo.</translation>
    </message>
    <message>
        <source>{0} was erased on the server ({1} records). This tablet removes her at its next sync, which starts now.</source>
        <translation>{0} se ha borrado en el servidor ({1} registros). Esta tableta la elimina en su próxima sincronización, que empieza ahora.</translation>
    </message>
</context>
<context>
    <name>InvitationTableModel</name>
    <message>
        <source>Customer</source>
        <translation>Clienta</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>RSVP</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Asistió</translation>
    </message>
    <message>
        <source>Why not</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>KpiView</name>
    <message>
        <source>Assistant</source>
        <translation>Dependiente</translation>
    </message>
    <message>
        <source>Interactions</source>
        <translation>Interacciones</translation>
    </message>
    <message>
        <source>Tasks done</source>
        <translation>Tareas hechas</translation>
    </message>
    <message>
        <source>Orders rung up</source>
        <translation>Pedidos cobrados</translation>
    </message>
    <message>
        <source>Sales rung up</source>
        <translation>Ventas cobradas</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contactos</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Convertidos</translation>
    </message>
    <message>
        <source>Attributed sales</source>
        <translation>Ventas atribuidas</translation>
    </message>
    <message>
        <source>{0}%</source>
        <translation>{0} %</translation>
    </message>
    <message>
        <source>Store KPIs</source>
        <translation>Indicadores de la tienda</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Periodo:</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>Últimos 90 días</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>Últimos 12 meses</translation>
    </message>
    <message>
        <source>Average order value by channel ({0})</source>
        <translation>Ticket medio por canal ({0})</translation>
    </message>
    <message>
        <source>Contacts and purchases within {0} days, by kind of contact</source>
        <translation>Contactos y compras en los {0} días siguientes, por tipo de contacto</translation>
    </message>
    <message>
        <source>Abandoned carts</source>
        <translation>Carritos abandonados</translation>
    </message>
    <message>
        <source>Lifetime value: omnichannel against single-channel customers</source>
        <translation>Valor histórico: clientes omnicanal frente a clientes de un solo canal</translation>
    </message>
    <message>
        <source>Activity per assistant</source>
        <translation>Actividad por dependiente</translation>
    </message>
    <message>
        <source>No data in this period</source>
        <translation>No hay datos en este periodo</translation>
    </message>
    <message>
        <source>No assistants of this store on this tablet</source>
        <translation>No hay dependientes de esta tienda en esta tableta</translation>
    </message>
    <message>
        <source>NPS (would recommend us, −100 to 100)</source>
        <translation>NPS (nos recomendaría, de −100 a 100)</translation>
    </message>
    <message>
        <source>CSAT (satisfaction, 1 to 5)</source>
        <translation>CSAT (satisfacción, de 1 a 5)</translation>
    </message>
    <message>
        <source>CES (effort, 1 to 7: lower is easier)</source>
        <translation>CES (esfuerzo, de 1 a 7: menos es más fácil)</translation>
    </message>
    <message>
        <source>Outreach → purchase</source>
        <translation>Contacto → compra</translation>
    </message>
    <message>
        <source>Abandoned carts recovered</source>
        <translation>Carritos abandonados recuperados</translation>
    </message>
    <message>
        <source>Orders per customer</source>
        <translation>Pedidos por cliente</translation>
    </message>
    <message>
        <source>Customers retained</source>
        <translation>Clientes que repiten</translation>
    </message>
    <message>
        <source>Omnichannel customers</source>
        <translation>Clientes omnicanal</translation>
    </message>
    <message>
        <source>{0} to {1}</source>
        <translation>Del {0} al {1}</translation>
    </message>
    <message>
        <source>Computed on this tablet; it has not synced with the server yet.</source>
        <translation>Calculado en esta tableta; todavía no se ha sincronizado con el servidor.</translation>
    </message>
    <message>
        <source>Offline: computed on this tablet from its data as of the last sync ({0}).</source>
        <translation>Sin conexión: calculado en esta tableta con sus datos de la última sincronización ({0}).</translation>
    </message>
    <message>
        <source>Computed on this tablet from its data as of the last sync ({0}).</source>
        <translation>Calculado en esta tableta con sus datos de la última sincronización ({0}).</translation>
    </message>
    <message>
        <source>The figures could not be computed ({0}); the details are in the app&apos;s log.</source>
        <translation>No se han podido calcular las cifras ({0}); los detalles están en el registro de la aplicación.</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Calculando las cifras…</translation>
    </message>
    <message>
        <source>Answers: {0} · promoters {1} · detractors {2}</source>
        <translation>Respuestas: {0} · promotores {1} · detractores {2}</translation>
    </message>
    <message>
        <source>Satisfied (4–5): {0} · answers: {1}</source>
        <translation>Satisfechos (4–5): {0} · respuestas: {1}</translation>
    </message>
    <message>
        <source>Answers: {0}</source>
        <translation>Respuestas: {0}</translation>
    </message>
    <message>
        <source>{0} of {1} contacts bought within {2} days · attributed sales {3}</source>
        <translation>{0} de {1} contactos compraron en {2} días · ventas atribuidas {3}</translation>
    </message>
    <message>
        <source>{0} of {1} abandoned carts bought later · abandonment {2}</source>
        <translation>{0} de {1} carritos abandonados se compraron después · abandono {2}</translation>
    </message>
    <message>
        <source>{0} orders by {1} customers</source>
        <translation>{0} pedidos de {1} clientes</translation>
    </message>
    <message>
        <source>{0} of {1} customers of the previous {2} days bought again</source>
        <translation>{0} de {1} clientes de los {2} días anteriores volvieron a comprar</translation>
    </message>
    <message>
        <source>{0} of {1} customers buy in two or more channels</source>
        <translation>{0} de {1} clientes compran en dos o más canales</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>Ticket medio</translation>
    </message>
    <message>
        <source>Bars: channel · orders. {0} orders in other currencies are left out.</source>
        <translation>Barras: canal · pedidos. Quedan fuera {0} pedidos en otras monedas.</translation>
    </message>
    <message>
        <source>Bars: channel · orders.</source>
        <translation>Barras: canal · pedidos.</translation>
    </message>
    <message>
        <source>Bought within {0} days</source>
        <translation>Compraron en {0} días</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonados</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>Recuperados</translation>
    </message>
    <message>
        <source>Bought without abandoning</source>
        <translation>Comprados sin abandonar</translation>
    </message>
    <message>
        <source>Carts</source>
        <translation>Carritos</translation>
    </message>
    <message>
        <source>Omnichannel · {0}</source>
        <translation>Omnicanal · {0}</translation>
    </message>
    <message>
        <source>Single channel · {0}</source>
        <translation>Un solo canal · {0}</translation>
    </message>
    <message>
        <source>Average net sales per customer</source>
        <translation>Ventas netas medias por cliente</translation>
    </message>
    <message>
        <source>Bars: customers of this store · how many. Net sales after returns over their whole history (nightly analytics), not only this period.</source>
        <translation>Barras: clientes de esta tienda · cuántos. Ventas netas después de devoluciones de todo su historial (analítica nocturna), no solo de este periodo.</translation>
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
        <source>Champions</source>
        <translation>Campeones</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Leales</translation>
    </message>
    <message>
        <source>Potential loyalist</source>
        <translation>Leales potenciales</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuevos</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>En riesgo</translation>
    </message>
    <message>
        <source>Can&apos;t lose them</source>
        <translation>No podemos perderlos</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>Hibernando</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdidos</translation>
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
        <source>recovered</source>
        <translation>recuperado</translation>
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
    <message>
        <source>first name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>apellidos</translation>
    </message>
    <message>
        <source>birthday</source>
        <translation>cumpleaños</translation>
    </message>
    <message>
        <source>preferred channel</source>
        <translation>canal preferido</translation>
    </message>
    <message>
        <source>language</source>
        <translation>idioma</translation>
    </message>
    <message>
        <source>sizes</source>
        <translation>tallas</translation>
    </message>
    <message>
        <source>preferences</source>
        <translation>preferencias</translation>
    </message>
    <message>
        <source>note text</source>
        <translation>texto de la nota</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>fijada</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>borrada</translation>
    </message>
    <message>
        <source>task title</source>
        <translation>título de la tarea</translation>
    </message>
    <message>
        <source>task details</source>
        <translation>detalles de la tarea</translation>
    </message>
    <message>
        <source>due date</source>
        <translation>fecha límite</translation>
    </message>
    <message>
        <source>task status</source>
        <translation>estado de la tarea</translation>
    </message>
    <message>
        <source>task outcome</source>
        <translation>resultado de la tarea</translation>
    </message>
    <message>
        <source>task kind</source>
        <translation>tipo de tarea</translation>
    </message>
    <message>
        <source>assistant</source>
        <translation>asesora</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The server address {0} uses plain http://, which would send passwords and customer data unencrypted. Use its https:// address; only for a test server, IT can set allow_insecure_http = true in the configuration.</source>
        <translation>La dirección del servidor {0} usa http:// sin cifrar, que enviaría las contraseñas y los datos de las clientas sin protección. Usa su dirección https://; solo para un servidor de pruebas, IT puede poner allow_insecure_http = true en la configuración.</translation>
    </message>
    <message>
        <source>Clienteling — sign in</source>
        <translation>Clienteling — identificarse</translation>
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
    <name>LockScreen</name>
    <message>
        <source>Locked. {0} is signed in; someone else can take over.</source>
        <translation>Bloqueada. {0} tiene la sesión abierta; otra persona puede tomar el relevo.</translation>
    </message>
    <message>
        <source>Store {0}: who is using the tablet?</source>
        <translation>Tienda {0}: ¿quién usa la tableta?</translation>
    </message>
    <message>
        <source>Nobody can sign in here with a PIN yet. Sign in with your password (the tablet must be online), then choose a PIN for this tablet.</source>
        <translation>Todavía nadie puede entrar aquí con PIN. Entra con tu contraseña (la tableta debe tener conexión) y después elige un PIN para esta tableta.</translation>
    </message>
    <message>
        <source>Sign in with password</source>
        <translation>Entrar con contraseña</translation>
    </message>
    <message>
        <source>{0}, type your PIN</source>
        <translation>{0}, escribe tu PIN</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>Otra persona</translation>
    </message>
    <message>
        <source>Use my password</source>
        <translation>Usar mi contraseña</translation>
    </message>
    <message>
        <source>Sign in with your password (the tablet must be online)</source>
        <translation>Entra con tu contraseña (la tableta debe tener conexión)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Volver</translation>
    </message>
    <message>
        <source>{0} — PIN locked</source>
        <translation>{0} — PIN bloqueado</translation>
    </message>
    <message>
        <source>{0}, choose a PIN for this tablet</source>
        <translation>{0}, elige un PIN para esta tableta</translation>
    </message>
    <message>
        <source>Type the same PIN again</source>
        <translation>Escribe otra vez el mismo PIN</translation>
    </message>
    <message>
        <source>4 to 8 digits that are not easy to guess (not 1234, 0000 or a year). It stays on this tablet and is never sent anywhere. With it you sign in here, also offline, for {0} days after your last sign-in with your password.</source>
        <translation>De 4 a 8 cifras que no sean fáciles de adivinar (ni 1234, ni 0000, ni un año). Se queda en esta tableta y nunca se envía a ninguna parte. Con él entras aquí, también sin conexión, durante {0} días después de tu última entrada con contraseña.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <source>Customer data is locked on this tablet</source>
        <translation>Los datos de clientes están bloqueados en esta tableta</translation>
    </message>
    <message>
        <source>This tablet has not synced with the server since {0} ({1} days; the limit is {2}). Connect to the store&apos;s network and sync to unlock.</source>
        <translation>Esta tableta no se sincroniza con el servidor desde {0} ({1} días; el límite es {2}). Conéctala a la red de la tienda y sincroniza para desbloquearla.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>The server cannot be reached. Connect the tablet to the store&apos;s network and try again.</source>
        <translation>No se puede contactar con el servidor. Conecta la tableta a la red de la tienda y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>The sync failed: {0}</source>
        <translation>La sincronización ha fallado: {0}</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>That PIN can no longer be used here. Sign in with your password.</source>
        <translation>Ese PIN ya no sirve en esta tableta. Entra con tu contraseña.</translation>
    </message>
    <message>
        <source>Type your PIN: 4 to 8 digits.</source>
        <translation>Escribe tu PIN: de 4 a 8 cifras.</translation>
    </message>
    <message numerus="yes">
        <source>Wrong PIN. %n more wrong tries lock it.</source>
        <translation>
            <numerusform>PIN incorrecto. Un intento fallido más lo bloquea.</numerusform>
            <numerusform>PIN incorrecto. %n intentos fallidos más lo bloquean.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n seconds.</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. Vuelve a intentarlo dentro de %n segundo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. Vuelve a intentarlo dentro de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>You can try your PIN again.</source>
        <translation>Ya puedes volver a probar tu PIN.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so a password cannot be checked. Sign in with your PIN, or try again when the tablet is online.</source>
        <translation>No se puede contactar con el servidor, así que no se puede comprobar la contraseña. Entra con tu PIN o vuelve a intentarlo cuando la tableta tenga conexión.</translation>
    </message>
    <message numerus="yes">
        <source>Too many failed sign-ins. Try again in %n seconds.</source>
        <translation>
            <numerusform>Demasiados intentos fallidos. Vuelve a intentarlo dentro de %n segundo.</numerusform>
            <numerusform>Demasiados intentos fallidos. Vuelve a intentarlo dentro de %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign-in refused: {0}</source>
        <translation>Acceso denegado: {0}</translation>
    </message>
    <message>
        <source>Your PIN is locked after 5 wrong tries. Sign in with your password to unlock it.</source>
        <translation>Tu PIN está bloqueado tras 5 intentos fallidos. Entra con tu contraseña para desbloquearlo.</translation>
    </message>
    <message>
        <source>You last signed in here with your password too long ago to use your PIN. Sign in with your password again (online).</source>
        <translation>Hace demasiado que no entras aquí con tu contraseña para usar el PIN. Vuelve a entrar con tu contraseña (con conexión).</translation>
    </message>
    <message>
        <source>Use digits only.</source>
        <translation>Usa solo cifras.</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>Un PIN tiene de 4 a 8 cifras.</translation>
    </message>
    <message>
        <source>Not the same digit over and over: choose another PIN.</source>
        <translation>No repitas el mismo dígito: elige otro PIN.</translation>
    </message>
    <message>
        <source>Not a run of digits like 1234 or 4321: choose another PIN.</source>
        <translation>Nada de cifras seguidas como 1234 o 4321: elige otro PIN.</translation>
    </message>
    <message>
        <source>Not a repeated pattern like 1212: choose another PIN.</source>
        <translation>Nada de patrones repetidos como 1212: elige otro PIN.</translation>
    </message>
    <message>
        <source>That PIN is too common (or a year): choose another one.</source>
        <translation>Ese PIN es demasiado común (o es un año): elige otro.</translation>
    </message>
    <message>
        <source>The two PINs were different. Choose your PIN again.</source>
        <translation>Los dos PIN eran distintos. Vuelve a elegir tu PIN.</translation>
    </message>
    <message>
        <source>Sign in with your password first to set a PIN.</source>
        <translation>Para elegir un PIN, entra primero con tu contraseña.</translation>
    </message>
    <message>
        <source>The PIN could not be saved. Try again.</source>
        <translation>No se ha podido guardar el PIN. Inténtalo de nuevo.</translation>
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
        <source>Manager</source>
        <translation>Gerencia</translation>
    </message>
    <message>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Hide the customer screens until you type your PIN</source>
        <translation>Oculta las pantallas de clientes hasta que escribas tu PIN</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>About and diagnostics</source>
        <translation>Acerca de y diagnóstico</translation>
    </message>
    <message>
        <source>{0} signed out.</source>
        <translation>{0} ha cerrado la sesión.</translation>
    </message>
    <message>
        <source>{0} can no longer sign in on this tablet.</source>
        <translation>{0} ya no puede entrar en esta tableta.</translation>
    </message>
</context>
<context>
    <name>ManagerCalls</name>
    <message>
        <source>marketing</source>
        <translation>marketing</translation>
    </message>
    <message>
        <source>service messages</source>
        <translation>mensajes de servicio</translation>
    </message>
    <message>
        <source>profiling</source>
        <translation>elaboración de perfiles</translation>
    </message>
    <message>
        <source>You signed in while the server was unreachable. Sign out and sign in again while online to do this. Nothing was changed.</source>
        <translation>Iniciaste sesión cuando no había conexión con el servidor. Cierra la sesión y vuelve a iniciarla con conexión para hacer esto. No se ha cambiado nada.</translation>
    </message>
    <message>
        <source>The server cannot be reached, so nothing was done. Check the connection and try again.</source>
        <translation>No hay conexión con el servidor, así que no se ha hecho nada. Comprueba la conexión y vuelve a intentarlo.</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again to do this. Nothing was changed.</source>
        <translation>Tu sesión ha caducado. Vuelve a iniciar sesión para hacer esto. No se ha cambiado nada.</translation>
    </message>
    <message>
        <source>The server refused: {0}</source>
        <translation>El servidor lo ha rechazado: {0}</translation>
    </message>
</context>
<context>
    <name>ManagerView</name>
    <message>
        <source>Customers and segments</source>
        <translation>Clientas y segmentos</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campañas</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de accesos</translation>
    </message>
</context>
<context>
    <name>MessageTableModel</name>
    <message>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Omitido</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Clienta</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado el</translation>
    </message>
    <message>
        <source>Sent at</source>
        <translation>Enviado el</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
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
    <name>PinPad</name>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Borrar la última cifra</translation>
    </message>
</context>
<context>
    <name>ReplicaLockedDialog</name>
    <message>
        <source>Customer data locked</source>
        <translation>Datos de clientes bloqueados</translation>
    </message>
    <message>
        <source>The customer data on this tablet is encrypted and cannot be opened: its key is missing or does not match. If the tablet&apos;s keyring is locked, or someone else is signed in to the computer, fix that and start the app again.</source>
        <translation>Los datos de clientes de esta tableta están cifrados y no se pueden abrir: falta su clave o no coincide. Si el llavero de la tableta está bloqueado, o hay otra persona con la sesión iniciada en el equipo, resuélvalo y vuelva a abrir la aplicación.</translation>
    </message>
    <message>
        <source>Otherwise the data can be downloaded again from the server. Edits made on this tablet that were not sent yet cannot be recovered and will be lost. A store manager then registers the tablet again.</source>
        <translation>Si no, los datos pueden descargarse de nuevo del servidor. Los cambios hechos en esta tableta que aún no se enviaron no se pueden recuperar y se perderán. Después, un gerente de la tienda vuelve a registrar la tableta.</translation>
    </message>
    <message>
        <source>Delete it and download again</source>
        <translation>Borrarlos y descargar de nuevo</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
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
    <name>SegmentBuilder</name>
    <message>
        <source>Any tier</source>
        <translation>Cualquier nivel</translation>
    </message>
    <message>
        <source>{0} or higher</source>
        <translation>{0} o superior</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>Cualquier idioma</translation>
    </message>
    <message>
        <source>Not required</source>
        <translation>No se exige</translation>
    </message>
    <message>
        <source>Anyone or nobody</source>
        <translation>Cualquiera o nadie</translation>
    </message>
    <message>
        <source>Nobody yet</source>
        <translation>Nadie todavía</translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation>Cualquier segmento</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Engagement with campaigns</source>
        <translation>Interacción con campañas</translation>
    </message>
    <message>
        <source>Purchase behaviour</source>
        <translation>Comportamiento de compra</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source> years</source>
        <translation> años</translation>
    </message>
    <message>
        <source>VIP only</source>
        <translation>Solo VIP</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Age from</source>
        <translation>Edad desde</translation>
    </message>
    <message>
        <source>Age up to</source>
        <translation>Edad hasta</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Birthday this month</source>
        <translation>Cumpleaños este mes</translation>
    </message>
    <message>
        <source>Marketing consent by</source>
        <translation>Consentimiento de marketing por</translation>
    </message>
    <message>
        <source>Personal assistant</source>
        <translation>Asesora personal</translation>
    </message>
    <message>
        <source>Opened, clicked or came within</source>
        <translation>Abrió, hizo clic o vino en los últimos</translation>
    </message>
    <message>
        <source>No response for</source>
        <translation>Sin respuesta desde hace</translation>
    </message>
    <message>
        <source>Came to a store event</source>
        <translation>Vino a un evento de tienda</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>Segmento RFM</translation>
    </message>
    <message>
        <source>At risk of leaving</source>
        <translation>En riesgo de abandono</translation>
    </message>
    <message>
        <source>Lifetime value from</source>
        <translation>Valor histórico desde</translation>
    </message>
    <message>
        <source>Predicted 12 months from</source>
        <translation>Previsto 12 meses desde</translation>
    </message>
    <message>
        <source>Orders at least</source>
        <translation>Pedidos, al menos</translation>
    </message>
    <message>
        <source>Bought within</source>
        <translation>Compró en los últimos</translation>
    </message>
    <message>
        <source>Not bought for</source>
        <translation>Sin comprar desde hace</translation>
    </message>
    <message>
        <source>Buys in several channels</source>
        <translation>Compra en varios canales</translation>
    </message>
    <message>
        <source>Abandoned a cart within</source>
        <translation>Abandonó un carrito en los últimos</translation>
    </message>
</context>
<context>
    <name>SendConfirmDialog</name>
    <message>
        <source>Send invitations</source>
        <translation>Enviar invitaciones</translation>
    </message>
    <message>
        <source>Send the invitations to “{0}” ({1}) now?

Up to {2} of the {3} customers in the segment will be invited, each through her preferred channel among those she consented to ({4}).
The {5} customers without a marketing consent get nothing.

This cannot be undone.</source>
        <translation>¿Enviar ahora las invitaciones a «{0}» ({1})?

Se invitará hasta a {2} de las {3} clientas del segmento, a cada una por su canal preferido entre los que ha consentido ({4}).
Las {5} clientas sin consentimiento de marketing no recibirán nada.

Esto no se puede deshacer.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Nobody is signed in on this tablet: sign in first.</source>
        <translation>No hay nadie con la sesión abierta en esta tableta: entra primero.</translation>
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
<context>
    <name>WipedDialog</name>
    <message>
        <source>This tablet was erased</source>
        <translation>Se han borrado los datos de esta tableta</translation>
    </message>
    <message>
        <source>A manager reported this tablet as lost, so the customer data on it has been erased. Edits that had not been sent were erased too.</source>
        <translation>Un responsable ha declarado esta tableta como perdida, así que se han borrado los datos de clientes que tenía. También se han borrado los cambios que no se habían enviado.</translation>
    </message>
    <message>
        <source>A manager retired this tablet. The edits made on it were sent to the server first; then the customer data on it was erased.</source>
        <translation>Un responsable ha retirado esta tableta. Primero se enviaron al servidor los cambios hechos en ella y después se borraron los datos de clientes que tenía.</translation>
    </message>
    <message>
        <source>To use it again, a store manager has to set it up (enrol it) again.</source>
        <translation>Para volver a usarla, un responsable de tienda tiene que darla de alta de nuevo.</translation>
    </message>
</context>
</TS>
