"""The site's content: news and press releases, and presentations shown
slide by slide. `models`, `admin`, `forms`, `views` and `urls` hold both;
`slides` turns an uploaded PDF into slides in a background task, drawing
the pages in a child process (`pdf_pages`); `uploads` names uploaded
files."""
