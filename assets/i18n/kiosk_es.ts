<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>ArticlePage</name>
    <message>
        <source>Article text</source>
        <translation>Texto del artículo</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artículo</translation>
    </message>
    <message>
        <source>Related articles</source>
        <translation>Artículos relacionados</translation>
    </message>
    <message>
        <source>Related articles and help</source>
        <translation>Artículos relacionados y ayuda</translation>
    </message>
    <message>
        <source>This article is not translated yet, so it is shown in %1.</source>
        <translation>Este artículo todavía no está traducido, así que se muestra en %1.</translation>
    </message>
</context>
<context>
    <name>AttractScreen</name>
    <message>
        <source>Touch to begin</source>
        <translation>Toque para empezar</translation>
    </message>
</context>
<context>
    <name>Carousel</name>
    <message>
        <source>Card %1 of %2</source>
        <translation>Tarjeta %1 de %2</translation>
    </message>
    <message>
        <source>Previous related article</source>
        <translation>Artículo relacionado anterior</translation>
    </message>
    <message>
        <source>Next related article</source>
        <translation>Artículo relacionado siguiente</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>General information, not advice about your own care: talk with your care team.</source>
        <translation>Información general, no consejos sobre su propio cuidado: hable con su equipo de atención.</translation>
    </message>
    <message>
        <source>Phone %1</source>
        <translation>Teléfono %1</translation>
    </message>
    <message>
        <source>Key points</source>
        <translation>Puntos clave</translation>
    </message>
    <message>
        <source>From the article</source>
        <translation>Del artículo</translation>
    </message>
    <message>
        <source>Shortened to fit one page. The whole article is at the web address below.</source>
        <translation>Resumido para caber en una página. El artículo completo está en la dirección web de abajo.</translation>
    </message>
    <message>
        <source>Shortened to fit one page. The whole article is on the kiosk screen.</source>
        <translation>Resumido para caber en una página. El artículo completo está en la pantalla del quiosco.</translation>
    </message>
    <message>
        <source>By the numbers</source>
        <translation>En cifras</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Fuente: %1</translation>
    </message>
    <message>
        <source>Where to get help</source>
        <translation>Dónde pedir ayuda</translation>
    </message>
    <message>
        <source>Scan to read the whole article</source>
        <translation>Escanee para leer el artículo completo</translation>
    </message>
    <message>
        <source>Scan to visit our website</source>
        <translation>Escanee para visitar nuestro sitio web</translation>
    </message>
    <message>
        <source>MMMM d, yyyy</source>
        <translation>d &apos;de&apos; MMMM &apos;de&apos; yyyy</translation>
    </message>
    <message>
        <source>Content last reviewed %1</source>
        <translation>Contenido revisado por última vez el %1</translation>
    </message>
    <message>
        <source>Review date not given</source>
        <translation>Sin fecha de revisión</translation>
    </message>
    <message>
        <source>Printed %1</source>
        <translation>Impreso el %1</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Home screen</source>
        <translation>Pantalla de inicio</translation>
    </message>
    <message>
        <source>All articles (%1)</source>
        <translation>Todos los artículos (%1)</translation>
    </message>
    <message>
        <source>Search the articles</source>
        <translation>Buscar en los artículos</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Borrar la búsqueda</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <source>Delete the last letter</source>
        <translation>Borrar la última letra</translation>
    </message>
</context>
<context>
    <name>Library</name>
    <message>
        <source>All articles A to Z</source>
        <translation>Todos los artículos de la A a la Z</translation>
    </message>
    <message>
        <source>1 article</source>
        <translation>1 artículo</translation>
    </message>
    <message>
        <source>%1 articles</source>
        <translation>%1 artículos</translation>
    </message>
    <message>
        <source>Articles about %1</source>
        <translation>Artículos sobre %1</translation>
    </message>
    <message>
        <source>All articles, A to Z</source>
        <translation>Todos los artículos, de la A a la Z</translation>
    </message>
    <message>
        <source>Articles starting with %1</source>
        <translation>Artículos que empiezan por %1</translation>
    </message>
    <message>
        <source>Articles starting with a number</source>
        <translation>Artículos que empiezan por un número</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>Todos los artículos</translation>
    </message>
</context>
<context>
    <name>PrintConfirm</name>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Print this handout?</source>
        <translation>¿Imprimir esta hoja?</translation>
    </message>
    <message>
        <source>One page, to read later or to share with someone you trust.</source>
        <translation>Una página, para leer más tarde o compartir con alguien de confianza.</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Imprimiendo</translation>
    </message>
    <message>
        <source>Your handout</source>
        <translation>Su hoja</translation>
    </message>
</context>
<context>
    <name>PrintLimits</name>
    <message>
        <source>Printing is turned off on this kiosk. Please ask at the front desk for a copy.</source>
        <translation>La impresión está desactivada en este quiosco. Pida una copia en la recepción, por favor.</translation>
    </message>
    <message>
        <source>You have printed as many handouts as one visit allows. Please ask at the front desk if you need more.</source>
        <translation>Ya imprimió todas las hojas que se permiten en una visita. Si necesita más, pregunte en la recepción, por favor.</translation>
    </message>
    <message>
        <source>This kiosk has printed its handouts for this hour. Please try again later, or ask at the front desk.</source>
        <translation>Este quiosco ya imprimió todas las hojas de esta hora. Inténtelo más tarde o pregunte en la recepción, por favor.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>The printer isn&apos;t available right now — please ask at the front desk.</source>
        <translation>La impresora no está disponible ahora — pregunte en la recepción, por favor.</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>Your handout is ready at the printer.</source>
        <translation>Su hoja está lista en la impresora.</translation>
    </message>
    <message>
        <source>The printer isn&apos;t available</source>
        <translation>La impresora no está disponible</translation>
    </message>
    <message>
        <source>No more handouts right now</source>
        <translation>No hay más hojas por ahora</translation>
    </message>
    <message>
        <source>No more handouts</source>
        <translation>No hay más hojas</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>Search the articles</source>
        <translation>Buscar en los artículos</translation>
    </message>
    <message>
        <source>Words to search for</source>
        <translation>Palabras que buscar</translation>
    </message>
    <message>
        <source>Browse the topics</source>
        <translation>Ver los temas</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <source>Type a word, like “heart” or “sleep”</source>
        <translation>Escriba una palabra, como «corazón» o «sueño»</translation>
    </message>
    <message>
        <source>No articles match “%1”. Try other words, or browse the topics or all articles from A to Z.</source>
        <translation>Ningún artículo coincide con «%1». Pruebe otras palabras, o vea los temas o todos los artículos de la A a la Z.</translation>
    </message>
    <message>
        <source>No article has every word; these have some of them.</source>
        <translation>Ningún artículo tiene todas las palabras; estos tienen algunas.</translation>
    </message>
    <message>
        <source>1 article found</source>
        <translation>1 artículo encontrado</translation>
    </message>
    <message>
        <source>%1 articles found</source>
        <translation>%1 artículos encontrados</translation>
    </message>
</context>
<context>
    <name>StatCard</name>
    <message>
        <source>Source: %1</source>
        <translation>Fuente: %1</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>por ciento</translation>
    </message>
</context>
<context>
    <name>StillHere</name>
    <message>
        <source>Still reading?</source>
        <translation>¿Sigue leyendo?</translation>
    </message>
    <message>
        <source>I&apos;m still here</source>
        <translation>Sigo aquí</translation>
    </message>
    <message>
        <source>To keep things private, this screen will go back to the start in 1 second. Touch anywhere to keep reading.</source>
        <translation>Para proteger su privacidad, esta pantalla volverá al inicio en 1 segundo. Toque en cualquier lugar para seguir leyendo.</translation>
    </message>
    <message>
        <source>To keep things private, this screen will go back to the start in %1 seconds. Touch anywhere to keep reading.</source>
        <translation>Para proteger su privacidad, esta pantalla volverá al inicio en %1 segundos. Toque en cualquier lugar para seguir leyendo.</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <source>Read this article</source>
        <translation>Leer este artículo</translation>
    </message>
    <message>
        <source>Opens the article</source>
        <translation>Abre el artículo</translation>
    </message>
    <message>
        <source>Opens the topic&apos;s articles</source>
        <translation>Abre los artículos del tema</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <source>Print to take home</source>
        <translation>Imprimir para llevarse</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Tamaño del texto</translation>
    </message>
    <message>
        <source>Contrast</source>
        <translation>Contraste</translation>
    </message>
    <message>
        <source>Text size: %1</source>
        <translation>Tamaño del texto: %1</translation>
    </message>
    <message>
        <source>Makes the text larger, then back again</source>
        <translation>Agranda el texto y luego lo vuelve a su tamaño</translation>
    </message>
    <message>
        <source>High contrast: on</source>
        <translation>Alto contraste: activado</translation>
    </message>
    <message>
        <source>High contrast: off</source>
        <translation>Alto contraste: desactivado</translation>
    </message>
    <message>
        <source>Black and white, with stronger lines</source>
        <translation>Blanco y negro, con líneas más marcadas</translation>
    </message>
    <message>
        <source>Language: %1</source>
        <translation>Idioma: %1</translation>
    </message>
    <message>
        <source>Shows the kiosk in this language</source>
        <translation>Muestra el quiosco en este idioma</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Home screen</source>
        <translation>Pantalla de inicio</translation>
    </message>
    <message>
        <source>Print this page to take home</source>
        <translation>Imprimir esta página para llevarse</translation>
    </message>
    <message>
        <source>%1 logo</source>
        <translation>Logotipo de %1</translation>
    </message>
    <message>
        <source>%1: tap again to change it</source>
        <translation>%1: toque otra vez para cambiarlo</translation>
    </message>
</context>
</TS>
